import { ARTICLES, type Article } from '../data/articles.js';
import { ok, reason, type SimResponse, type SimRoute } from './route.js';

const SUMMARY_PATH = '/api/rest_v1/page/summary/';

/** MediaWiki REST errors are HyperSwitch problem documents. */
function problem(status: number, title: string, detail: string, uri: string): SimResponse {
  const type = status === 404 ? 'not_found' : status >= 500 ? 'internal_error' : 'bad_request';
  return {
    status,
    body: {
      type: `https://mediawiki.org/wiki/HyperSwitch/errors/${type}`,
      title,
      method: 'get',
      detail,
      uri,
    },
  };
}

/** Wikipedia normalizes titles: underscores are spaces and the first letter is upper case. */
const normalize = (title: string): string => {
  const spaced = title.replaceAll('_', ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

function summary(article: Article): unknown {
  const canonical = article.title.replaceAll(' ', '_');
  const page = `https://en.wikipedia.org/wiki/${encodeURIComponent(canonical)}`;
  const mobile = `https://en.m.wikipedia.org/wiki/${encodeURIComponent(canonical)}`;
  return {
    type: 'standard',
    title: article.title,
    displaytitle: `<span class="mw-page-title-main">${article.title}</span>`,
    namespace: { id: 0, text: '' },
    wikibase_item: article.wikibase_item,
    titles: {
      canonical,
      normalized: article.title,
      display: `<span class="mw-page-title-main">${article.title}</span>`,
    },
    pageid: article.pageid,
    lang: 'en',
    dir: 'ltr',
    revision: String(1_200_000_000 + article.pageid),
    tid: '5c2f3b8e-0000-11ef-8000-000000000000',
    timestamp: '2025-01-15T12:00:00Z',
    description: article.description,
    description_source: 'local',
    content_urls: {
      desktop: {
        page,
        revisions: `${page}?action=history`,
        edit: `${page}?action=edit`,
        talk: `https://en.wikipedia.org/wiki/Talk:${encodeURIComponent(canonical)}`,
      },
      mobile: {
        page: mobile,
        revisions: `https://en.m.wikipedia.org/wiki/Special:History/${encodeURIComponent(canonical)}`,
        edit: `${mobile}?action=edit`,
        talk: `https://en.m.wikipedia.org/wiki/Talk:${encodeURIComponent(canonical)}`,
      },
    },
    extract: article.extract,
    extract_html: `<p>${article.extract}</p>`,
  };
}

/** Wikipedia REST: `GET /api/rest_v1/page/summary/{title}`. */
export const wikipediaRoute: SimRoute = {
  name: 'wikipedia',
  errorBody: (status) =>
    problem(status, reason(status), reason(status), '/en.wikipedia.org/v1/page/summary').body,
  handle(path) {
    const uri = `/en.wikipedia.org/v1/page/summary/${path.slice(SUMMARY_PATH.length)}`;
    if (!path.startsWith(SUMMARY_PATH) || path.length === SUMMARY_PATH.length) {
      return problem(404, 'Not found.', 'Page or revision not found.', uri);
    }
    const title = normalize(decodeURIComponent(path.slice(SUMMARY_PATH.length)));
    const article = ARTICLES.find((candidate) => candidate.title.toLowerCase() === title.toLowerCase());
    return article ? ok(summary(article)) : problem(404, 'Not found.', 'Page or revision not found.', uri);
  },
};
