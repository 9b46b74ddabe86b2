/** Only the app's own paths open from a search hit (never another site, never a script URL). */
export const appPath = (link: string): string | null => (/^\/(?![/\\])/.test(link) ? link : null);

/** Images only from the API's own image path (never an address a member could have chosen). */
export const imageSrc = (url: string | null): string | undefined =>
  url && /^\/api\/v1\/groups\/[\w-]+\/images\/[\w-]+$/.test(url) ? url : undefined;

/** Where 立即投资 leads: the purchase flow, recording the group and message the card came from. */
export const buyLink = (productId: string, groupId: string, messageId: string): string =>
  `/products/${encodeURIComponent(productId)}/buy?source=${encodeURIComponent(`group:${groupId}:message:${messageId}`)}`;
