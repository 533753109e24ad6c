import type { IDataObject } from 'n8n-workflow';

import type { MessageTypeSpec } from './spec';
import { copyText, str, WHATSAPP_OR_TELEGRAM } from './spec';

/** A number within [min, max]; an empty field is not 0. */
const inRange = (value: unknown, min: number, max: number): boolean =>
	value !== '' && Number.isFinite(Number(value)) && Number(value) >= min && Number(value) <= max;

export const location: MessageTypeSpec<'location'> = {
	value: 'location',
	fields: [
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			typeOptions: { numberPrecision: 6, minValue: -90, maxValue: 90 },
			default: 0,
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			typeOptions: { numberPrecision: 6, minValue: -180, maxValue: 180 },
			default: 0,
		},
		{
			displayName: 'Location Name',
			name: 'locationName',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Location Address',
			name: 'locationAddress',
			type: 'string',
			default: '',
		},
	],
	caption: false,
	channels: WHATSAPP_OR_TELEGRAM,
	build: (read, fail) => {
		const latitude = read('latitude');
		const longitude = read('longitude');
		if (!inRange(latitude, -90, 90)) {
			fail(`Latitude must be a number from -90 to 90, got ${str(latitude) || 'nothing'}`);
		}
		if (!inRange(longitude, -180, 180)) {
			fail(`Longitude must be a number from -180 to 180, got ${str(longitude) || 'nothing'}`);
		}
		const content: IDataObject = { latitude: Number(latitude), longitude: Number(longitude) };
		copyText(read, content, 'locationName', 'locationAddress');
		return content;
	},
};
