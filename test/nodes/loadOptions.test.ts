import { loadOptions } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { ZAVU, types } from './setup';

// The dropdowns the editor fills from Zavu through the credential (methods.loadOptions).

const { api, credentials } = useStandIn();

describe('Phone Number dropdown', () => {
	it("lists the project's numbers through the credential", async () => {
		const options = await loadOptions(
			types,
			{
				type: ZAVU,
				parameters: { resource: 'invitation', operation: 'create' },
				credentials: { zavudevApi: credentials() as never },
			},
			'getPhoneNumbers',
		);
		const numbers = [...api.phoneNumbers.values()];
		expect(numbers.length).toBeGreaterThan(0);
		expect(options).toEqual(
			numbers.map((n) => ({ name: `${n.phoneNumber} (${n.name})`, value: n.id })),
		);
		expect(api.requests.map((r) => [r.path, r.query.limit, r.headers.authorization])).toEqual([
			['/v1/phone-numbers', '100', `Bearer ${api.apiKey}`],
		]);
	});
});

describe('Sender and Template dropdowns', () => {
	const node = {
		type: ZAVU,
		parameters: { resource: 'message', operation: 'send' },
		credentials: { zavudevApi: {} as never },
	};

	it('senders are labelled with their address, channels and default flag', async () => {
		const options = await loadOptions(
			types,
			{ ...node, credentials: { zavudevApi: credentials() as never } },
			'getSenders',
		);
		expect(options).toEqual([
			{
				name: 'Default sender (+14155550100) [sms, whatsapp] (default)',
				value: 'snd_seed00000000000001',
			},
			{ name: 'Email sender (hello@example.com) [email]', value: 'snd_seed00000000000002' },
		]);
		expect(api.requests.map((r) => r.path)).toEqual(['/v1/senders']);
	});

	it('templates show name, language and approval status', async () => {
		const options = await loadOptions(
			types,
			{ ...node, credentials: { zavudevApi: credentials() as never } },
			'getTemplates',
		);
		expect(options).toEqual([
			{ name: 'welcome (en) - approved', value: 'tmpl_seed00000000000001', description: undefined },
			{
				name: 'order_update (en) - pending',
				value: 'tmpl_seed00000000000002',
				description: 'Not approved yet: WhatsApp will reject sends',
			},
			{
				name: 'appointment_reminder (es) - approved',
				value: 'tmpl_seed00000000000003',
				description: undefined,
			},
		]);
	});
});
