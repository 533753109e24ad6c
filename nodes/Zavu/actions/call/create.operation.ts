import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { metadataField, readMetadata } from '../contact/fields';
import { requestOne } from '../common/entity';
import { locatorField, readLocatorId, SENDER } from '../common/locator';
import { optionsCollection } from '../common/options';
import { itemFail, requireE164, requirePositiveInteger } from '../common/validation';

// Zavu's call API takes no agent: the call is answered by the voice agent configured on the
// sender that places it. So the agent is chosen through the Sender (Agent → Get shows which
// senders an agent answers on).

/** A BCP-47 tag (en, es-ES, pt-BR) or `auto`. */
const LANGUAGE = /^(auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/;

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155551234',
		description: 'The phone number to call, in E.164 format',
	},
	locatorField(
		'Sender',
		'senderId',
		SENDER,
		"The sender that places the call; its voice agent (with voice enabled) talks to the callee. Empty: the project's default sender",
		false,
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Greeting',
				name: 'greeting',
				type: 'string',
				default: '',
				description:
					'What the agent says first, instead of its configured greeting (this call only)',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'es-ES',
				description:
					"The language the agent speaks on this call, as a BCP-47 tag (en, es, es-ES, pt-BR), or auto to follow the callee's. Empty: the agent's configured language.",
			},
			{
				displayName: 'Max Duration (Minutes)',
				name: 'maxDurationMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: "The longest this call may last, instead of the agent's configured maximum",
			},
			metadataField(
				'Your own key/value pairs (text) kept on the call and sent in its voice webhooks',
			),
		],
	},
	optionsCollection('call', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['create'] } },
	properties,
);

/**
 * POST /v1/calls: Zavu dials `to` and its voice agent runs the conversation; emits the call
 * (status `queued`). Billed per connected minute; follow it with Get, end it with Hang Up.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const rawTo = this.getNodeParameter('to', i, '');
	const to = typeof rawTo === 'string' ? rawTo : String(rawTo);
	if (!to.trim()) fail('To is empty', 'Set the number to call, e.g. {{ $json.phone }}.');
	const body: IDataObject = { to: requireE164(fail, 'To', to) };
	const senderId = readLocatorId(this, i, 'senderId', 'Sender ID', SENDER, true);
	if (senderId) body.senderId = senderId;
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const greeting = typeof extra.greeting === 'string' ? extra.greeting.trim() : '';
	if (greeting) body.greeting = greeting;
	const language = typeof extra.language === 'string' ? extra.language.trim() : '';
	if (language) {
		if (!LANGUAGE.test(language)) {
			fail(
				`Language "${language}" is not a BCP-47 language tag`,
				'Use e.g. en, es, es-ES, pt-BR, or auto.',
			);
		}
		body.language = language;
	}
	if (extra.maxDurationMinutes !== undefined && extra.maxDurationMinutes !== '') {
		body.maxDurationMinutes = requirePositiveInteger(
			fail,
			'Max Duration (Minutes)',
			extra.maxDurationMinutes,
		);
	}
	const metadata = readMetadata(fail, 'Metadata', extra.metadata);
	if (metadata) body.metadata = metadata;
	// Places a billed call: resent only when Zavu certainly did not receive it.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: '/v1/calls', body, idempotent: false },
		'call',
	);
}
