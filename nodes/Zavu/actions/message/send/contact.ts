import type { MessageTypeSpec } from './spec';
import { entries, str, WHATSAPP_OR_TELEGRAM } from './spec';

export const contact: MessageTypeSpec<'contact'> = {
	value: 'contact',
	fields: [
		{
			displayName: 'Contacts',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Contact',
			default: {},
			options: [
				{
					displayName: 'Contact',
					name: 'contact',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{
							displayName: 'Phones',
							name: 'phones',
							type: 'string',
							default: '',
							placeholder: '+14155551234, +14155556789',
							description: 'Comma-separated phone numbers',
						},
					],
				},
			],
		},
	],
	caption: false,
	channels: WHATSAPP_OR_TELEGRAM,
	build: (read, fail) => {
		const contacts = entries(read('contacts'), 'contact').map((c) => ({
			name: str(c.name),
			phones: str(c.phones)
				.split(',')
				.map((phone) => phone.trim())
				.filter(Boolean),
		}));
		if (!contacts.length) fail('A contact message needs at least one contact');
		contacts.forEach((c, n) => {
			if (!c.name) fail(`Contact ${n + 1} has no name`);
			if (!c.phones.length) fail(`Contact ${n + 1} ("${c.name}") has no phone number`);
		});
		return { contacts };
	},
};
