// The GraphQL IDE of GET /graphql: GraphiQL, served by this service from its npm package (no other
// host), asking the URL the page came from. The page's CSP allows no inline script, hence this file.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  var tokensRequired = root.getAttribute('data-tokens') === 'required';
  // Dialogs (settings, shortcuts) add a <style> element to stop the page scrolling behind them;
  // the library gives it this nonce, the one the page's CSP allows for styles.
  window.__webpack_nonce__ = root.getAttribute('data-style-nonce') || undefined;

  // GraphiQL's history writes each query's headers to localStorage even when headers are not to
  // be kept, so a token typed into the headers editor would land on disk. This is its storage
  // (localStorage, under GraphiQL's own prefix) with the headers taken out of history entries.
  var NAMESPACE = 'graphiql:';
  var HISTORY_KEYS = ['graphiql:queries', 'graphiql:favorites'];
  function withoutHeaders(value) {
    try {
      var stored = JSON.parse(value);
      Object.keys(stored).forEach(function (list) {
        (stored[list] || []).forEach(function (entry) {
          delete entry.headers;
        });
      });
      return JSON.stringify(stored);
    } catch (error) {
      return value;
    }
  }
  function graphiqlKeys() {
    return Object.keys(localStorage).filter(function (key) {
      return key.indexOf(NAMESPACE) === 0;
    });
  }
  var storage = {
    getItem: function (key) {
      return localStorage.getItem(key);
    },
    setItem: function (key, value) {
      localStorage.setItem(key, HISTORY_KEYS.indexOf(key) >= 0 ? withoutHeaders(value) : value);
    },
    removeItem: function (key) {
      localStorage.removeItem(key);
    },
    get length() {
      return graphiqlKeys().length;
    },
    clear: function () {
      graphiqlKeys().forEach(function (key) {
        localStorage.removeItem(key);
      });
    },
  };

  var props = {
    fetcher: GraphiQL.createFetcher({ url: window.location.pathname }),
    storage: storage,
    defaultQuery: '# data-context GraphQL (docs/api.md); Ctrl-Enter runs the query\n{\n  graphVersion\n}\n',
    // The headers editor's content (a token) stays in this tab: it is not written to localStorage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: tokensRequired ? 'headers' : false,
    defaultHeaders: tokensRequired ? '{\n  "Authorization": "Bearer <your token>"\n}' : undefined,
  };
  root.textContent = '';
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
