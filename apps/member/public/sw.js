// Quanzi's service worker: shows web-push notifications (the payload is JSON: title, body, link) and
// opens the link in the app when the member taps one.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: '圈子', body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || '圈子', {
      body: data.body || '',
      data: { link: data.link || '/inbox' },
      tag: data.id,
    }),
  );
});
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = (event.notification.data && event.notification.data.link) || '/inbox';
  event.waitUntil(self.clients.openWindow(link.startsWith('/') ? link : '/inbox'));
});
