/** The OpenAPI document as docs/api.md: one table per tag, a row per route. */
interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; type?: string } }> };
  responses?: Record<string, unknown>;
}

const refName = (ref?: string) => (ref ? ref.split('/').pop() : undefined);

export function renderApiDocs(doc: OpenApiDoc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `\`${p.name}\`${p.required ? '' : '?'}`);
      const body = Object.values(op.requestBody?.content ?? {})[0]?.schema;
      const bodyName = body ? (refName(body.$ref) ?? body.type ?? 'JSON') : '';
      const codes = Object.keys(op.responses ?? {}).join(', ');
      const row = `| \`${method.toUpperCase()} ${path}\` | ${op.summary ?? ''} | ${query.join(', ')} | ${bodyName} | ${codes} |`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  const sections = [...byTag].map(([tag, rows]) => `## ${tag}\n\n| route | what | query | body | answers |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
  return `# API reference

Generated from the route schemas (\`npm run docs:api\`); the live document is \`GET /api/openapi.json\`
(${doc.info.title} ${doc.info.version}). ${doc.info.description ?? ''}

Errors answer \`{"error": {"code", "message", "path"}}\` with the codes in [errors](errors.md).

${sections.join('\n')}`;
}
