import { Tag } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForumAuthor } from './forum-api';

/** The badges beside a name: 官方 for the platform's own posts, verified staff, and an expert's title. */
export function AuthorBadges({ author }: { author: Pick<ForumAuthor, 'badges' | 'badgeTitle' | 'official'> }) {
  const { t } = useTranslation();
  return (
    <>
      {author.official && (
        <Tag color="primary" className="forum-badge" data-testid="badge-official">
          {t('forum.badge.official')}
        </Tag>
      )}
      {!author.official && author.badges.includes('staff') && (
        <Tag color="primary" fill="outline" className="forum-badge" data-testid="badge-staff">
          {t('forum.badge.staff')}
        </Tag>
      )}
      {author.badges.includes('expert') && (
        <Tag color="warning" fill="outline" className="forum-badge" data-testid="badge-expert">
          {author.badgeTitle ? t('forum.badge.expertTitled', { title: author.badgeTitle }) : t('forum.badge.expert')}
        </Tag>
      )}
    </>
  );
}

/** An author's nickname (always as text) with their badges; the platform's own posts show just 官方. */
export function AuthorLine({ author, extra }: { author: ForumAuthor; extra?: ReactNode }) {
  const { t } = useTranslation();
  const officialOnly = author.official && author.id === null && author.nickname === t('forum.badge.official');
  return (
    <span className="forum-author">
      {!officialOnly && (
        <span className="forum-author-name" data-testid="author-name">
          {author.nickname}
        </span>
      )}
      <AuthorBadges author={author} />
      {extra}
    </span>
  );
}
