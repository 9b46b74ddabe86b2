import type { SearchKind } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import * as repo from './repo.js';
import { displayText } from './display.js';
import { documentVector, INDEX_VERSION } from './tsvector.js';

/** What a module hands to search for one piece of content. */
export interface SearchDocument {
  kind: SearchKind;
  id: string;
  /** 'public' or 'group:<groupId>': who may find it. */
  scope: string;
  title?: string | null | undefined;
  /** As the member typed it; never HTML. Forum kinds are Markdown: indexed and cut into snippets as displayed. */
  body: string;
  authorId: string | null;
  /** App path that opens it, starting with '/'. */
  link: string;
  createdAt: Date;
}

/**
 * Adds or replaces a document in the caller's transaction, so the index changes exactly when the
 * content does (and not at all if the caller rolls back). Tokenising runs here, on the request
 * path: under a millisecond for a 2,000-character message.
 */
export async function indexDocument(trx: Tx, doc: SearchDocument): Promise<void> {
  // An empty title is no title: the hit then shows no title line rather than an empty one.
  const title = doc.title ? doc.title : null;
  await repo.upsertDocument(trx, {
    kind: doc.kind,
    id: doc.id,
    scope: doc.scope,
    title,
    body: doc.body,
    author_id: doc.authorId,
    link: doc.link,
    created_at: doc.createdAt,
    tsv: documentVector(title, displayText(doc.kind, doc.body).text),
    index_version: INDEX_VERSION,
  });
}
