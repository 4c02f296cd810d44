// Registers every file-local and cross-file check family. Importing this module once is enough.
export {};
