// The `stopword` package ships no type declarations; this is the part src/extract uses:
// its CommonJS export is an object of stopword lists keyed by ISO 639-3 code (`eng`, `kor`, …).
declare module 'stopword' {
  const lists: Readonly<Record<string, unknown>>;
  export default lists;
}
