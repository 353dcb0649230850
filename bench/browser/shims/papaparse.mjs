// 'papaparse' in the bench page: the package's browser build, loaded by page.html as a script.
export default globalThis.Papa;
