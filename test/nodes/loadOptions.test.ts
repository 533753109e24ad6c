import { loadOptions } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { ZAVU, types } from './setup';

// The dropdowns the editor fills from Zavu through the credential (methods.loadOptions): the
// Sender filter of Conversation → Get Many and the Sender of Custom API Call. The ids a user
// picks are resource locators (methods.listSearch): resourceLocator*.test.ts.

const { api, credentials } = useStandIn();

describe('Sender dropdown', () => {
	const node = {
		type: ZAVU,
		parameters: { resource: 'conversation', operation: 'getAll' },
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
});
