// 'sql.js' in the bench page: the package's browser build, loaded by page.html as a script.
export default (config = {}) =>
  globalThis.initSqlJs({ locateFile: (file) => `/node_modules/sql.js/dist/${file}`, ...config });
