// Drives vscode-json-languageservice (the engine of VS Code's JSON support)
// for tests/editor_language_service.rs: reads a job (schemas and cases) from
// the JSON file named by argv[2], runs each case through the language
// service and prints the raw results as JSON. The Rust test makes the
// assertions. Every schema is given inline; a schema that needs anything
// from outside fails the run (schemaRequestService rejects every request).
'use strict';
const fs = require('fs');

let ls;
try {
    ls = require('vscode-json-languageservice');
} catch (e) {
    console.error('vscode-json-languageservice is not installed (NODE_PATH=' +
        (process.env.NODE_PATH || '') + '): run the npm step of .ci/run');
    process.exit(3);
}

async function main() {
    const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
    const requested = [];
    const service = ls.getLanguageService({
        schemaRequestService: (uri) => {
            requested.push(uri);
            return Promise.reject(new Error('no external schema may be loaded: ' + uri));
        },
    });
    service.configure({
        validate: true,
        allowComments: false,
        schemas: Object.entries(job.schemas).map(([shape, file]) => ({
            uri: 'file:///bundle/' + shape + '.schema.json',
            fileMatch: ['*.' + shape + '.json'],
            schema: JSON.parse(fs.readFileSync(file, 'utf8')),
        })),
    });
    const results = [];
    for (const c of job.cases) {
        const doc = ls.TextDocument.create('file:///case/' + c.name + '.' + c.shape + '.json', 'json', 1, c.text);
        const json = service.parseJSONDocument(doc);
        const out = { name: c.name };
        if (c.op === 'complete') {
            const list = await service.doComplete(doc, doc.positionAt(c.offset), json);
            out.items = list.items.map((i) => ({
                label: i.label,
                kind: i.kind,
                insertText: i.insertText ?? null,
                documentation: typeof i.documentation === 'string'
                    ? i.documentation
                    : (i.documentation && i.documentation.value) || null,
            }));
        } else if (c.op === 'hover') {
            const hover = await service.doHover(doc, doc.positionAt(c.offset), json);
            const contents = hover ? [].concat(hover.contents) : [];
            out.hover = contents.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
        } else {
            const diagnostics = await service.doValidation(doc, json, { schemaValidation: 'error' });
            out.diagnostics = diagnostics.map((d) => ({
                message: d.message,
                severity: d.severity,
                start: doc.offsetAt(d.range.start),
                end: doc.offsetAt(d.range.end),
            }));
        }
        results.push(out);
    }
    process.stdout.write(JSON.stringify({ requested, results }));
}

main().catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
});
