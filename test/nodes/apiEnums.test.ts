// Every option list that mirrors one of Zavu's API enums comes from nodes/Zavu/constants.ts,
// whose records are typed over the enums of Zavu's own SDK (@zavudev/sdk). Two halves:
// - the node's option lists are exactly those records (nothing hand-copied that could drift);
// - the records really are checked: a copy of constants.ts with a bogus or a missing value does
//   not compile (so the next API change fails `npm run typecheck`, not a user's workflow).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as ts from 'typescript';

import {
	CHANNELS,
	CONNECTION_TYPES,
	FILTER_CHANNELS,
	FILTER_MESSAGE_STATUSES,
	INVITATION_STATUSES,
	keysOf,
	MESSAGE_STATUSES,
	MESSAGE_TYPES,
} from '../../nodes/Zavu/constants';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { ZavuTrigger } from '../../nodes/ZavuTrigger/ZavuTrigger.node';

const ROOT = join(__dirname, '..', '..');
const CONSTANTS = join(ROOT, 'nodes', 'Zavu', 'constants.ts');

function find(
	props: INodeProperties[],
	name: string,
	show: Record<string, string>,
): INodeProperties {
	const found = props.filter(
		(p) =>
			p.name === name &&
			Object.entries(show).every(([key, value]) =>
				(p.displayOptions?.show?.[key] ?? [value]).includes(value),
			),
	);
	if (found.length !== 1)
		throw new Error(`expected one ${name} for ${JSON.stringify(show)}, found ${found.length}`);
	return found[0];
}
const inCollection = (p: INodeProperties, name: string) =>
	(p.options as INodeProperties[]).find((o) => o.name === name) as INodeProperties;
const values = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.value);

describe('option lists are the SDK-typed records of constants.ts', () => {
	const zavu = new Zavu().description.properties;
	const trigger = new ZavuTrigger().description.properties;

	interface Case {
		name: string;
		/** The option list, found in the node's description. */
		property: () => INodeProperties;
		/** The record of constants.ts it must be. */
		record: Record<string, unknown>;
	}
	it.each<Case>([
		{
			name: 'Invitation → Get Many, Status filter',
			property: () =>
				inCollection(
					find(zavu, 'filters', { resource: 'invitation', operation: 'getAll' }),
					'status',
				),
			record: INVITATION_STATUSES,
		},
		{
			name: 'Invitation → Create, Connection Type',
			property: () =>
				inCollection(
					find(zavu, 'additionalFields', { resource: 'invitation', operation: 'create' }),
					'connectionType',
				),
			record: CONNECTION_TYPES,
		},
		{
			name: 'Message → Send, Channel',
			property: () => find(zavu, 'channel', { resource: 'message', operation: 'send' }),
			record: CHANNELS,
		},
		{
			name: 'Message → Send, Message Type',
			property: () => find(zavu, 'messageType', { resource: 'message', operation: 'send' }),
			record: MESSAGE_TYPES,
		},
		{
			name: 'Message → Get Many, Channel filter',
			property: () =>
				inCollection(
					find(zavu, 'filters', { resource: 'message', operation: 'getAll' }),
					'channel',
				),
			record: FILTER_CHANNELS,
		},
		{
			name: 'Message → Get Many, Status filter',
			property: () =>
				inCollection(find(zavu, 'filters', { resource: 'message', operation: 'getAll' }), 'status'),
			record: FILTER_MESSAGE_STATUSES,
		},
		{
			name: 'Zavu Trigger, invitation Statuses',
			property: () => find(trigger, 'statuses', { resource: 'invitation' }),
			record: INVITATION_STATUSES,
		},
		{
			name: 'Zavu Trigger, message Statuses',
			property: () => find(trigger, 'statuses', { resource: 'message' }),
			record: MESSAGE_STATUSES,
		},
	])('$name', ({ property, record }) => {
		expect(values(property())).toEqual(keysOf(record));
	});

	it("today's API: failed invitations, Messenger onboarding, the new message types, no whatsapp_alt", () => {
		expect(keysOf(INVITATION_STATUSES)).toContain('failed');
		expect(keysOf(CONNECTION_TYPES)).toEqual(['whatsapp_waba', 'messenger']);
		expect(keysOf(MESSAGE_TYPES)).toEqual(
			expect.arrayContaining(['location_request', 'request_contact_info']),
		);
		expect(keysOf(CHANNELS)).not.toContain('whatsapp_alt');
	});
});

describe('a list that drifts from the SDK does not compile', () => {
	const original = readFileSync(CONSTANTS, 'utf8');

	/** Type errors of constants.ts with `edit` applied, compiled with the project's settings. */
	function errorsWith(edit: (source: string) => string): string[] {
		const edited = edit(original);
		expect(edited).not.toBe(original);
		const config = ts.getParsedCommandLineOfConfigFile(
			join(ROOT, 'tsconfig.json'),
			{},
			{
				...ts.sys,
				onUnRecoverableConfigFileDiagnostic: () => undefined,
			},
		);
		const options = { ...config!.options, noEmit: true, types: [] };
		const host = ts.createCompilerHost(options);
		const readFile = host.readFile.bind(host);
		host.readFile = (file) => (join(file) === CONSTANTS ? edited : readFile(file));
		const program = ts.createProgram([CONSTANTS], options, host);
		return ts
			.getPreEmitDiagnostics(program, program.getSourceFile(CONSTANTS))
			.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
	}

	it('compiles as it is', () => {
		expect(errorsWith((s) => `${s}\n`)).toEqual([]);
	});

	it('a bogus invitation status', () => {
		const errors = errorsWith((s) =>
			s.replace(
				"pending: { name: 'Pending'",
				"bogus: { name: 'Bogus' },\n\tpending: { name: 'Pending'",
			),
		);
		expect(errors.join('\n')).toMatch(/bogus/);
	});

	it('a status the API has but the list lacks', () => {
		const errors = errorsWith((s) =>
			s.replace(/\tfailed: \{\n\t\tname: 'Failed',[\s\S]*?\n\t\},\n/, ''),
		);
		expect(errors.join('\n')).toMatch(/failed/);
	});

	it('a channel the API dropped', () => {
		const errors = errorsWith((s) =>
			s.replace(
				"\twhatsapp: 'WhatsApp',\n};",
				"\twhatsapp: 'WhatsApp',\n\twhatsapp_alt: 'WhatsApp (QR Linked)',\n};",
			),
		);
		expect(errors.join('\n')).toMatch(/whatsapp_alt/);
	});
});
