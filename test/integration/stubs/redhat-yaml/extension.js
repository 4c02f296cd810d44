// A stand-in for redhat.vscode-yaml (not installable offline): the same extension id and the
// schema-contributor part of its API. Tests read what was registered from its exports.
'use strict';

exports.activate = function activate() {
  const contributors = [];
  return {
    contributors,
    registerContributor(schema, requestSchema, requestSchemaContent, label) {
      if (contributors.some((c) => c.schema === schema)) return false;
      contributors.push({ schema, requestSchema, requestSchemaContent, label });
      return true;
    },
  };
};
