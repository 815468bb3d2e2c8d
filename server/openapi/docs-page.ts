// The API document as a page people read: server-rendered HTML, one section per operation, with
// no script and no asset from elsewhere, so it lives under the dashboard's strict CSP unchanged.
import { escapeHtml } from '../public/creative-html.js';

type Json = Record<string, any>;

export function renderDocsPage(document: Json): string {
  const sections = Object.entries(document.paths as Record<string, Record<string, Json>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => renderOperation(path, method, operation)))
    .join('\n');
  const schemas = Object.entries(document.components.schemas as Record<string, Json>)
    .map(([name, schema]) => `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} API</title>
<link rel="icon" href="/dashboard/icon.svg" type="image/svg+xml">
</head>
<body>
<h1>${escapeHtml(document.info.title)} API ${escapeHtml(document.info.version)}</h1>
<p>${escapeHtml(document.info.description)}</p>
<p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)}).</p>
<h2>Operations</h2>
${sections}
<h2>Schemas</h2>
${schemas}
</body>
</html>
`;
}

function renderOperation(path: string, method: string, operation: Json): string {
  const parameters = (operation.parameters ?? []) as Json[];
  const rows = parameters
    .map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'required' : 'optional'}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`)
    .join('');
  const body = operation.requestBody
    ? `<h4>Body</h4>${Object.entries(operation.requestBody.content as Record<string, Json>)
        .map(([type, media]) => `<p>${escapeHtml(type)}</p>${media.schema ? `<pre>${escapeHtml(JSON.stringify(media.schema, null, 2))}</pre>` : ''}`)
        .join('')}`
    : '';
  const answers = Object.entries(operation.responses as Record<string, Json>)
    .map(([status, answer]) => {
      const content = Object.entries((answer.content ?? {}) as Record<string, Json>)
        .map(([type, media]) => `${escapeHtml(type)}${media.schema ? ` <code>${escapeHtml(JSON.stringify(media.schema))}</code>` : ''}`)
        .join(', ');
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(answer.description)}${content ? `: ${content}` : ''}</li>`;
    })
    .join('');
  return `<section id="${escapeHtml(operation.operationId)}">
<h3><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></h3>
<p>${escapeHtml(operation.summary)}${operation.security ? ' <em>(admin token)</em>' : ''}</p>
${rows ? `<table><thead><tr><th>name</th><th>in</th><th></th><th>schema</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${body}
<h4>Answers</h4><ul>${answers}</ul>
</section>`;
}
