/** Articles the simulated Wikipedia knows (short real-style extracts); any other title is "not found". */
export interface Article {
  title: string;
  pageid: number;
  wikibase_item: string;
  description: string;
  extract: string;
}

export const ARTICLES: readonly Article[] = [
  {
    title: 'Alan Turing',
    pageid: 1208,
    wikibase_item: 'Q7251',
    description: 'English computer scientist (1912–1954)',
    extract:
      'Alan Mathison Turing was an English mathematician, computer scientist, logician, cryptanalyst, philosopher and theoretical biologist. He was highly influential in the development of theoretical computer science, providing a formalisation of the concepts of algorithm and computation with the Turing machine.',
  },
  {
    title: 'Ada Lovelace',
    pageid: 974,
    wikibase_item: 'Q7259',
    description: 'English mathematician (1815–1852)',
    extract:
      "Augusta Ada King, Countess of Lovelace was an English mathematician and writer chiefly known for her work on Charles Babbage's proposed mechanical general-purpose computer, the Analytical Engine. She was the first to recognise that the machine had applications beyond pure calculation.",
  },
  {
    title: 'Berlin',
    pageid: 3354,
    wikibase_item: 'Q64',
    description: 'Capital and largest city of Germany',
    extract:
      'Berlin is the capital and largest city of Germany, by both area and population. With 3.7 million inhabitants, it has the highest population within its city limits of any city in the European Union.',
  },
  {
    title: 'Paris',
    pageid: 22989,
    wikibase_item: 'Q90',
    description: 'Capital and largest city of France',
    extract:
      'Paris is the capital and largest city of France. With an estimated population of 2.1 million residents in an area of more than 105 km2, Paris is the fourth-most populous city in the European Union.',
  },
  {
    title: 'Tokyo',
    pageid: 30057,
    wikibase_item: 'Q1490',
    description: 'Capital and most populous city of Japan',
    extract:
      'Tokyo, officially the Tokyo Metropolis, is the capital and most populous city in Japan. With a population of over 14 million in the city proper, it is one of the most populous urban areas in the world.',
  },
  {
    title: 'Python (programming language)',
    pageid: 23862,
    wikibase_item: 'Q28865',
    description: 'General-purpose programming language',
    extract:
      'Python is a high-level, general-purpose programming language. Its design philosophy emphasizes code readability with the use of significant indentation. Python is dynamically type-checked and garbage-collected.',
  },
  {
    title: 'TypeScript',
    pageid: 8157205,
    wikibase_item: 'Q978185',
    description: 'Programming language and superset of JavaScript',
    extract:
      'TypeScript is a high-level programming language that adds static typing with optional type annotations to JavaScript. It is designed for developing large applications and transpiles to JavaScript.',
  },
  {
    title: 'Model Context Protocol',
    pageid: 78912345,
    wikibase_item: 'Q131299817',
    description: 'Open protocol connecting AI models to tools and data',
    extract:
      'The Model Context Protocol (MCP) is an open standard and open-source framework introduced by Anthropic in November 2024 to standardize the way artificial intelligence systems such as large language models integrate and share data with external tools, systems, and data sources.',
  },
  {
    title: 'Euro',
    pageid: 9472,
    wikibase_item: 'Q4916',
    description: 'Official currency of the eurozone',
    extract:
      'The euro is the official currency of 20 of the 27 member states of the European Union. This group of states is officially known as the euro area or, more commonly, the eurozone.',
  },
  {
    title: 'Photosynthesis',
    pageid: 24544,
    wikibase_item: 'Q11982',
    description: 'Biological process to convert light into chemical energy',
    extract:
      'Photosynthesis is a system of biological processes by which photosynthetic organisms, such as most plants, algae, and cyanobacteria, convert light energy, typically from sunlight, into the chemical energy necessary to fuel their metabolism.',
  },
  {
    title: 'Mount Everest',
    pageid: 42179,
    wikibase_item: 'Q513',
    description: "Earth's highest mountain above sea level",
    extract:
      "Mount Everest is Earth's highest mountain above sea level, located in the Mahalangur Himal sub-range of the Himalayas. The China–Nepal border runs across its summit point. Its elevation of 8,848.86 m was most recently established in 2020.",
  },
  {
    title: 'Claude (language model)',
    pageid: 73526148,
    wikibase_item: 'Q116964383',
    description: 'Family of large language models developed by Anthropic',
    extract:
      'Claude is a family of large language models developed by Anthropic. The first model was released in March 2023. Claude models are trained to be helpful, honest, and harmless.',
  },
];
