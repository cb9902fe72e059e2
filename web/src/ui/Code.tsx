import hljs from 'highlight.js/lib/core';
import sql from 'highlight.js/lib/languages/sql';
import type { LanguageFn } from 'highlight.js';

/**
 * The risk catalog's rule and feature expressions (docs/rule-expressions.md) as a highlight.js
 * grammar: keywords, the catalog's reference functions, event attributes, strings, numbers.
 */
const ruleExpression: LanguageFn = () => ({
  name: 'rule expression',
  case_insensitive: false,
  keywords: {
    keyword: 'and or not in',
    literal: 'true false null',
    built_in: 'feature model list event',
  },
  contains: [
    { scope: 'string', begin: "'", end: "'", contains: [{ begin: '\\\\.' }] },
    { scope: 'string', begin: '"', end: '"', contains: [{ begin: '\\\\.' }] },
    { scope: 'number', begin: '\\b\\d+(\\.\\d+)?\\b' },
    { scope: 'operator', begin: '==|!=|<=|>=|&&|\\|\\||[<>+\\-*/%!]' },
    { scope: 'variable', begin: '\\bevent\\.[A-Za-z_][\\w.]*' },
  ],
});

hljs.registerLanguage('sql', sql);
hljs.registerLanguage('rule', ruleExpression);
hljs.registerAliases(['feature'], { languageName: 'rule' });

/** A definition with syntax highlighting (highlight.js escapes the text; its output holds only spans with classes). */
export function Code({ language, text }: { language: string; text: string }) {
  const known = hljs.getLanguage(language) !== undefined;
  const html = known ? hljs.highlight(text, { language, ignoreIllegals: true }).value : null;
  return (
    <figure class="code">
      <figcaption>{language}</figcaption>
      {html !== null ? (
        <pre tabIndex={0}>
          <code class={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
        </pre>
      ) : (
        <pre tabIndex={0}>
          <code>{text}</code>
        </pre>
      )}
    </figure>
  );
}
