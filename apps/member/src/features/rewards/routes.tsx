import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import { InvitePage } from './invite-page';
import './locales';
import { LotteryListPage, LotteryWheelPage, MyDrawsPage } from './lottery-page';
import { MallOrdersPage, MallPage } from './mall-page';
import './rewards.css';

/** Lottery, points mall and invite pages, mounted by main.tsx (all need a login). */
export function rewardsRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="lottery" path="/lottery" element={member(<LotteryListPage />)} />,
    <Route key="lottery-draws" path="/lottery/draws" element={member(<MyDrawsPage />)} />,
    <Route key="lottery-wheel" path="/lottery/:id" element={member(<LotteryWheelPage />)} />,
    <Route key="mall" path="/mall" element={member(<MallPage />)} />,
    <Route key="mall-orders" path="/mall/orders" element={member(<MallOrdersPage />)} />,
    <Route key="invite" path="/invite" element={member(<InvitePage />)} />,
  ];
}
