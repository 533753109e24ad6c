import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as addChannel from './addChannel.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getByPhone from './getByPhone.operation';
import * as merge from './merge.operation';
import * as removeChannel from './removeChannel.operation';
import * as setPrimaryChannel from './setPrimaryChannel.operation';
import * as update from './update.operation';
import * as updateChannel from './updateChannel.operation';

export const resource = { name: 'Contact', value: 'contact' };

export const operations = {
	create,
	get,
	getByPhone,
	getAll,
	update,
	delete: del,
	merge,
	addChannel,
	updateChannel,
	removeChannel,
	setPrimaryChannel,
};

export const description: INodeProperties[] = [
	operationField(
		'contact',
		[
			{
				name: 'Add Channel',
				value: 'addChannel',
				description: 'Add a phone number, email address or other channel to a contact',
				action: 'Add a channel to a contact',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact with one or more channels (phone numbers, email addresses)',
				action: 'Create a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Permanently delete a contact with its channels and conversations (right to erasure)',
				action: 'Delete a contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact and its channels by contact ID',
				action: 'Get a contact',
			},
			{
				name: 'Get by Phone',
				value: 'getByPhone',
				description: 'Get the contact that has a phone number (E.164 format)',
				action: 'Get a contact by phone number',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List contacts, optionally by phone number, search text or tags',
				action: 'Get many contacts',
			},
			{
				name: 'Merge',
				value: 'merge',
				description:
					'Merge a duplicate contact into another: its channels move over and it is marked as merged',
				action: 'Merge two contacts',
			},
			{
				name: 'Remove Channel',
				value: 'removeChannel',
				description: "Remove one of a contact's channels (not its last one)",
				action: 'Remove a channel from a contact',
			},
			{
				name: 'Set Primary Channel',
				value: 'setPrimaryChannel',
				description: "Make one of a contact's channels the primary channel of its type",
				action: 'Set the primary channel of a contact',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a contact's display name, default channel or metadata",
				action: 'Update a contact',
			},
			{
				name: 'Update Channel',
				value: 'updateChannel',
				description: "Change a channel's label, metadata or verified flag",
				action: 'Update a contact channel',
			},
		],
		'get',
	),
	...create.description,
	...get.description,
	...getByPhone.description,
	...getAll.description,
	...update.description,
	...del.description,
	...merge.description,
	...addChannel.description,
	...updateChannel.description,
	...removeChannel.description,
	...setPrimaryChannel.description,
];
