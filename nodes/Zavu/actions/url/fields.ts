import type { INodeProperties } from 'n8n-workflow';

import type { LocatorEntity } from '../common/locator';
import { locatorField } from '../common/locator';

/** A verified URL, picked from GET /v1/urls (no search there: not searchable). */
export const URL_ENTITY: LocatorEntity = {
	noun: 'URL',
	example: 'url_abc123',
	listMethod: 'searchUrls',
};

export const urlIdField = (description: string): INodeProperties =>
	locatorField('URL', 'urlId', URL_ENTITY, description);
