import type { JsonSchema, MediaType } from '@enos-trigger/spec';
import { compileSchema, createContractAjv } from '@enos-trigger/spec/validation';
import { describe, expect, it } from 'vitest';
import { contract, walkSchemas } from './contract.js';

const ajv = createContractAjv();

interface Case {
  where: string;
  schema: JsonSchema;
  value: unknown;
}

function exampleCases(): Case[] {
  const cases: Case[] = [];
  for (const [name, schema] of Object.entries(contract.components.schemas)) {
    for (const [where, node] of walkSchemas(schema, name)) {
      if ('example' in node) cases.push({ where, schema: node, value: node.example });
    }
  }
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) {
        cases.push({ where: `${at} ?${p.name}`, schema: p.schema, value: p.example });
      }
      const bodies: [string, MediaType][] = Object.entries(op.requestBody?.content ?? {}).map(
        ([type, media]) => [`${at} request ${type}`, media],
      );
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          bodies.push([`${at} ${status} ${type}`, media]);
        }
        for (const [header, h] of Object.entries(response.headers ?? {})) {
          const example = (h as { example?: unknown }).example;
          if (h.schema && example !== undefined) {
            cases.push({ where: `${at} ${status} ${header}`, schema: h.schema, value: example });
          }
        }
      }
      for (const [where, media] of bodies) {
        if (!media.schema) continue;
        if ('example' in media) cases.push({ where, schema: media.schema, value: media.example });
        for (const [name, ex] of Object.entries(media.examples ?? {})) {
          cases.push({ where: `${where} #${name}`, schema: media.schema, value: ex.value });
        }
      }
    }
  }
  return cases;
}

const cases = exampleCases();

describe('every example of the contract', () => {
  it('is found where Dredd and Prism read it', () => {
    // Every operation's named answers, request bodies, parameters, gateway bodies, schema examples.
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s validates against its schema', (_, c) => {
    const validate = compileSchema(c.schema, ajv);
    expect(validate(c.value), ajv.errorsText(validate.errors)).toBe(true);
  });
});

describe('every media type and parameter', () => {
  it('carries its own example, not only one inside the schema', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(contract.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of op.parameters ?? []) {
          if (p.example === undefined) missing.push(`${method} ${path} ?${p.name}`);
        }
        for (const [status, response] of Object.entries(op.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (media.example === undefined && !media.examples) {
              missing.push(`${method} ${path} ${status} ${type}`);
            }
          }
        }
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
          if (media.example === undefined) missing.push(`${method} ${path} request ${type}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
