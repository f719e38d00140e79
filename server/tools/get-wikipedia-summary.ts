import { z } from 'zod';
import { ToolError } from '../tool-error.js';
import { defineTool, UPSTREAM_TOOL_ANNOTATIONS } from './definition.js';
import { toolInput } from './tool-input.js';

/** The parts of the REST `page/summary` answer this tool reads. */
const SummaryResponse = z.object({
  type: z.string(),
  title: z.string(),
  description: z.string().optional(),
  extract: z.string(),
  content_urls: z.object({ desktop: z.object({ page: z.string() }) }).optional(),
});

const input = toolInput({
  title: z
    .string({ error: 'title must be a string, e.g. "Alan Turing"' })
    .trim()
    .min(1, 'title must not be empty: give an article title, e.g. "Alan Turing"')
    .max(255, 'title must be at most 255 characters (the longest Wikipedia title)')
    .refine((value) => !/[#<>[\]{}|]/.test(value), 'title must not contain any of # < > [ ] { } |')
    .describe(
      'Title of the English Wikipedia article, e.g. "Alan Turing" or "Python (programming language)".',
    ),
});

const output = z.object({
  title: z.string(),
  description: z.string().optional().describe('Short description of the subject'),
  extract: z.string().describe('The first paragraph of the article, plain text'),
  url: z.string().optional(),
  pageType: z.string().describe('"standard", or "disambiguation" when the title names several subjects'),
});

export const getWikipediaSummary = defineTool({
  name: 'get_wikipedia_summary',
  config: {
    title: 'Wikipedia summary',
    description:
      'Get the summary (short description and first paragraph) of an English Wikipedia article by its ' +
      'title. Use it for background facts about people, places, things and ideas. Titles are matched ' +
      'exactly (apart from the first letter\'s case); pageType "disambiguation" means the title is ambiguous: ' +
      'retry with a more specific title. Data: Wikipedia REST API.',
    inputSchema: input,
    outputSchema: output,
    annotations: { title: 'Wikipedia summary', ...UPSTREAM_TOOL_ANNOTATIONS },
  },
  async handler({ title }, { upstream }) {
    const page = await upstream.getJson(
      'wikipedia',
      `/api/rest_v1/page/summary/${encodeURIComponent(title.replaceAll(' ', '_'))}`,
      SummaryResponse,
      {
        onStatus: (status) =>
          status === 404
            ? new ToolError(
                'not_found',
                `English Wikipedia has no article titled "${title}". Check the spelling or try the subject's full name.`,
                { retryable: false, status },
              )
            : undefined,
      },
    );
    return {
      title: page.title,
      ...(page.description ? { description: page.description } : {}),
      extract: page.extract,
      ...(page.content_urls ? { url: page.content_urls.desktop.page } : {}),
      pageType: page.type,
    };
  },
  toText: (page) =>
    [`${page.title}${page.description ? ` — ${page.description}` : ''}`, page.extract, page.url]
      .filter(Boolean)
      .join('\n'),
});
