export { formatShanghaiTime as formatTime } from '@quanzi/web-kit';
