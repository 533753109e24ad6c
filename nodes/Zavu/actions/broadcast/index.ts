import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as addContacts from './addContacts.operation';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as escalateReview from './escalateReview.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getContacts from './getContacts.operation';
import * as getProgress from './getProgress.operation';
import * as removeContact from './removeContact.operation';
import * as reschedule from './reschedule.operation';
import * as retryReview from './retryReview.operation';
import * as send from './send.operation';
import * as update from './update.operation';

export const resource = { name: 'Broadcast', value: 'broadcast' };

export const operations = {
	create,
	get,
	getAll,
	update,
	delete: del,
	addContacts,
	getContacts,
	removeContact,
	send,
	reschedule,
	cancel,
	getProgress,
	retryReview,
	escalateReview,
};

export const description: INodeProperties[] = [
	operationField(
		'broadcast',
		[
			{
				name: 'Add Contacts',
				value: 'addContacts',
				description:
					'Add the input items to a draft broadcast as recipients, one per item (phone number or email), sent in batches of 1,000; each output item says added, duplicate or why it failed',
				action: 'Add contacts to a broadcast',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Stop a scheduled or sending broadcast: contacts not reached yet are skipped',
				action: 'Cancel a broadcast',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a draft campaign (channel, text, media or template) to send to many contacts: add contacts next, then send',
				action: 'Create a broadcast',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a draft broadcast',
				action: 'Delete a broadcast',
			},
			{
				name: 'Escalate Review',
				value: 'escalateReview',
				description: 'Ask the Zavu team to review a broadcast rejected by automated review',
				action: 'Escalate the review of a broadcast',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a broadcast with its status, counts and costs',
				action: 'Get a broadcast',
			},
			{
				name: 'Get Contacts',
				value: 'getContacts',
				description: 'List the recipients of a broadcast with their delivery status and errors',
				action: 'Get contacts of a broadcast',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List broadcasts, optionally by status',
				action: 'Get many broadcasts',
			},
			{
				name: 'Get Progress',
				value: 'getProgress',
				description:
					'Get live delivery counts of a broadcast: delivered, failed, pending, percent complete',
				action: 'Get the progress of a broadcast',
			},
			{
				name: 'Remove Contact',
				value: 'removeContact',
				description: 'Take one recipient out of a draft broadcast',
				action: 'Remove a contact from a broadcast',
			},
			{
				name: 'Reschedule',
				value: 'reschedule',
				description: 'Move a scheduled broadcast to another time',
				action: 'Reschedule a broadcast',
			},
			{
				name: 'Retry Review',
				value: 'retryReview',
				description:
					'Submit a rejected broadcast to review again after editing it (at most 3 reviews)',
				action: 'Retry the review of a broadcast',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a broadcast to all its contacts now or at a set time, optionally waiting until it has finished',
				action: 'Send a broadcast',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name or content of a draft or rejected broadcast',
				action: 'Update a broadcast',
			},
		],
		'get',
	),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
	...addContacts.description,
	...getContacts.description,
	...removeContact.description,
	...send.description,
	...reschedule.description,
	...cancel.description,
	...getProgress.description,
	...retryReview.description,
	...escalateReview.description,
];
