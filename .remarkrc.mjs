// remark configuration for editors (VS Code's unifiedjs.vscode-remark, see .vscode/): validates the YAML
// frontmatter of every case file against docs/case-frontmatter.schema.json (generated from the zod schema by
// `npm run docs:schema`) while you type. The build never reads this file; `npx tahqiq check` is the full check.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, { schemas: { './docs/case-frontmatter.schema.json': ['content/cases/*.md'] } }],
  ],
};
