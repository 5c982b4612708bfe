// The `stopword` package ships no type declarations; src/extract/language.ts reads its
// stopword lists, exported by ISO 639-3 code (`eng`, `kor`, …), through a namespace import.
declare module 'stopword' {
  const lists: Readonly<Record<string, unknown>>;
  export = lists;
}
