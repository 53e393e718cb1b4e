import type { AnchorFailure } from './anchor.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';

/** What was looked up, as messages name it: a claim's quote, an evidence passage, a note's passage. */
export type PassageNoun = 'Quote' | 'Evidence passage' | 'Note passage';

/** A passage to look up in its document, with the places its problems point at. */
export interface PassageLookup {
  noun: PassageNoun;
  text: string;
  doc: string | undefined;
  docPlace: Point;
  occurrence: number | undefined;
  place: Point;
  occurrencePlace: Point;
}

/**
 * Reports why a passage could not be anchored, with the same codes and wording for
 * quotes, evidence passages and notes: the one matcher, the one set of errors.
 */
export function reportAnchorFailure(
  failure: AnchorFailure,
  file: string,
  place: Point,
  occurrencePlace: Point,
  passage: string,
  problems: ProblemList,
  noun: PassageNoun = 'Quote',
): void {
  const shown = `\`${excerpt(passage, 40)}\``;
  const lower = noun.charAt(0).toLowerCase() + noun.slice(1);
  switch (failure.kind) {
    case 'tooShort':
      problems.add('quoteTooShort', file, place, `Unexpected ${lower} ${shown}: too short to verify, expected at least two words`);
      break;
    case 'notFound':
      problems.add('quoteNotFound', file, place, failure.message.replace(/^Quote/, noun).replace('where the quote has', `where the ${lower} has`));
      break;
    case 'partialWord':
      problems.add('quoteNotFound', file, place,
        `${noun} ${shown} is found only inside longer words, e.g. \`${excerpt(failure.passage, 50)}\` at line ${failure.place.line}; expected whole words`);
      break;
    case 'ambiguous':
      problems.add('quoteAmbiguous', file, place,
        `${noun} ${shown} found ${failure.count} times in the source (at ${placesList(failure.places)}), expected exactly once`);
      break;
    case 'occurrenceOutOfRange':
      problems.add('occurrenceOutOfRange', file, occurrencePlace,
        `Unexpected \`occurrence=${failure.occurrence}\`: ${lower} ${shown} is found ${failure.count} time${failure.count === 1 ? '' : 's'}`);
      break;
    case 'crossesParagraph':
      problems.add('quoteCrossesParagraph', file, place, `${noun} ${shown} runs past the end of the paragraph at source line ${failure.line}`);
      break;
  }
}

/** Places shown in a message: the first few, then how many more (a phrase repeated through a long source is found thousands of times). */
const PLACES_SHOWN = 5;

function placesList(places: readonly { line: number; column: number }[]): string {
  const shown = places.slice(0, PLACES_SHOWN).map((p) => `${p.line}:${p.column}`).join(', ');
  return places.length > PLACES_SHOWN ? `${shown} and ${places.length - PLACES_SHOWN} more` : shown;
}
