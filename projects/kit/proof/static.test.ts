import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { listProjectTopicRefs, projects } from '../../index';
import { loadContract } from '../contract';

// The proof suite's static half, over every registered project: the spec, the contract, the topics
// and the faults agree with the suite. A registered project is proved; nothing to list here.

const TOPICS_DIR = new URL('../../../content/topics/', import.meta.url);
const topicExists = (id: string) => existsSync(new URL(`${id}.md`, TOPICS_DIR));

/** The spec's text for each stage, keyed by the id in its heading: "## Stage 3: Redirect (`redirect`)". */
function stageSections(spec: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of spec.split(/^(?=## )/m)) {
    const id = /^## Stage \d+: .+ \(`([a-z0-9-]+)`\)$/m.exec(part)?.[1];
    if (id !== undefined) sections.set(id, part);
  }
  return sections;
}

/** The check ids a stage's section lists under "**The grader checks**", in order. */
function listedChecks(section: string): string[] {
  const list = section.split('**The grader checks**')[1]?.split(/\*\*Tips\.?\*\*/)[0] ?? '';
  return [...list.matchAll(/^- `([a-z0-9-]+)`:/gm)].map((match) => match[1] ?? '');
}

for (const project of projects) {
  describe(`${project.slug}: spec, contract, topics and faults`, () => {
    const spec = readFileSync(project.specPath, 'utf8');
    const stageIds = project.suite.stages.map((stage) => stage.id);

    test('the spec has a section per stage, in the suite’s order, numbered from 1', () => {
      assert.deepEqual([...stageSections(spec).keys()], stageIds);
      const numbers = [...spec.matchAll(/^## Stage (\d+):/gm)].map((match) => Number(match[1]));
      assert.deepEqual(
        numbers,
        stageIds.map((_, index) => index + 1),
      );
    });

    test('each stage’s section lists its checks, in order, and links to a roadmap topic', () => {
      const sections = stageSections(spec);
      for (const stage of project.suite.stages) {
        const section = sections.get(stage.id) ?? '';
        assert.deepEqual(
          listedChecks(section),
          stage.checks.map((check) => check.id),
          `${stage.id} lists its checks under "The grader checks"`,
        );
        assert.match(section, /\*\*Learn:\*\* .*\(topic:/, `${stage.id} links to a topic`);
      }
    });

    test('every topic link in the spec names a roadmap topic', () => {
      const links = [...spec.matchAll(/\]\(topic:([^)]+)\)/g)].map((match) => match[1] ?? '');
      assert.ok(links.length > 0);
      for (const topic of links) assert.ok(topicExists(topic), `topic ${topic} exists`);
    });

    test('the contract is an OpenAPI 3.1 document whose references resolve and schemas compile', () => {
      const contract = loadContract(project.contractPath, project.slug);
      assert.match(String(contract.document.openapi), /^3\.1\.\d+$/);
      const info = contract.document.info as Record<string, unknown> | undefined;
      assert.equal(typeof info?.title, 'string');
      assert.equal(typeof info?.version, 'string');
      for (const ref of contract.refs()) assert.notEqual(contract.resolve(ref), undefined, `${ref} resolves`);
      const operations = contract.operations();
      assert.ok(operations.length > 0, 'it has operations');
      const ids = operations.map(({ operation }) => operation.operationId);
      assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
      for (const { method, path, operation } of operations) {
        assert.ok(operation.operationId, `${method} ${path} has an operationId`);
        const responses = Object.values(operation.responses ?? {});
        assert.ok(responses.length > 0, `${method} ${path} has responses`);
        for (const response of responses) assert.ok(contract.responseOf(response).description);
      }
      const ajv = contract.createValidator();
      const schemas = (contract.document.components as { schemas?: Record<string, unknown> } | undefined)
        ?.schemas;
      for (const name of Object.keys(schemas ?? {})) {
        assert.ok(ajv.getSchema(`${contract.id}#/components/schemas/${name}`), `${name} compiles`);
      }
    });

    if (project.messagesContractPath) {
      const path = project.messagesContractPath;
      test('the message contract is an AsyncAPI 3.0 document whose references resolve and schemas compile', () => {
        const contract = loadContract(path, `${project.slug}-messages`);
        assert.match(String(contract.document.asyncapi), /^3\.0\.\d+$/);
        const info = contract.document.info as Record<string, unknown> | undefined;
        assert.equal(typeof info?.title, 'string');
        assert.equal(typeof info?.version, 'string');
        for (const ref of contract.refs())
          assert.notEqual(contract.resolve(ref), undefined, `${ref} resolves`);
        const components = contract.document.components as
          | { schemas?: Record<string, unknown>; messages?: Record<string, { payload?: unknown }> }
          | undefined;
        const operations = Object.values(
          (contract.document.operations ?? {}) as Record<string, { action?: string }>,
        );
        assert.ok(operations.length > 0, 'it has operations');
        for (const operation of operations) assert.match(String(operation.action), /^(send|receive)$/);
        for (const [name, message] of Object.entries(components?.messages ?? {})) {
          assert.ok(message.payload, `message ${name} has a payload`);
        }
        const ajv = contract.createValidator();
        for (const name of Object.keys(components?.schemas ?? {})) {
          assert.ok(ajv.getSchema(`${contract.id}#/components/schemas/${name}`), `${name} compiles`);
        }
      });
    }

    test('every topic a stage or check names exists, and a stage lists its checks’ topics', () => {
      for (const stage of project.suite.stages) {
        for (const topic of stage.topics)
          assert.ok(topicExists(topic), `${stage.id} names ${topic}, which exists`);
        for (const check of stage.checks) {
          assert.ok(
            stage.topics.includes(check.topic),
            `${stage.id} lists ${check.topic}, the topic of ${check.id}`,
          );
        }
      }
      const refs = listProjectTopicRefs().filter((ref) => ref.project === project.slug);
      assert.deepEqual(
        [...new Set(refs.map((ref) => ref.stage))],
        stageIds,
        'the content checker sees every stage',
      );
    });

    test('it is proved: its proof.test.ts runs the proof suite on it', () => {
      const proof = new URL(`../../${project.slug}/proof.test.ts`, import.meta.url);
      assert.ok(existsSync(proof), `projects/${project.slug}/proof.test.ts exists`);
      assert.match(readFileSync(proof, 'utf8'), new RegExp(`proveProject\\('${project.slug}'\\)`));
    });

    test('every check is some fault’s: a check no fault can fail is not a check', () => {
      const named = new Set(project.faults.map((fault) => `${fault.stage}/${fault.check}`));
      for (const stage of project.suite.stages) {
        for (const check of stage.checks) {
          assert.ok(named.has(`${stage.id}/${check.id}`), `a fault makes ${stage.id} / ${check.id} fail`);
        }
      }
      for (const fault of project.faults) {
        assert.match(fault.description, /\S[\s\S]*\.$/, `${fault.id} describes the mistake in a sentence`);
        for (const other of fault.alsoFails ?? []) {
          assert.notEqual(other.stage, fault.stage, `${fault.id}: alsoFails names another stage`);
          assert.ok(other.why.trim().length > 20, `${fault.id} says why ${other.stage} fails too`);
        }
      }
    });
  });
}
