/**
 * A deterministic English-looking text of any size: sentences of words drawn from a fixed
 * vocabulary with Zipf's law (the most frequent word twice as common as the second, three
 * times the third, …), from a seeded random number generator. The same size and seed always
 * give the same bytes, so the word counts — and the example's output — never change.
 */

/** The most common English words, most frequent first; they head the vocabulary. */
const COMMON = `the of and to a in is it you that he was for on are with as his they be at one
have this from or had by not word but what some we can out other were all there when up use
your how said an each she which do their time if will way about many then them write would
like so these her long make thing see him two has look more day could go come did number
sound no most people my over know water than call first who may down side been now find
any new work part take get place made live where after back little only round man year came
show every good me give our under name very through just form sentence great think say help
low line differ turn cause much mean before move right boy old too same tell does set three
want air well also play small end put home read hand port large spell add even land here
must big high such follow act why ask men change went light kind off need house picture try
us again animal point mother world near build self earth father head stand own page should
country found answer school grow study still learn plant cover food sun four between state
keep eye never last let thought city tree cross farm hard start might story saw far sea draw
left late run while press close night real life few north open seem together next white
children begin got walk example ease paper group always music those both mark often letter
until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough plain
girl usual young ready above ever red list though feel talk bird soon body dog family direct
pose leave song measure door product black short numeral class wind question happen complete
ship area half rock order fire south problem piece told knew pass since top whole king space
heard best hour better true during hundred five remember step early hold west ground interest
reach fast verb sing listen six table travel less morning ten simple several vowel toward war
lay against pattern slow center love person money serve appear road map rain rule govern pull
cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan
figure star box noun field rest correct able pound done beauty drive stood contain front
teach week final gave green oh quick develop ocean warm free minute strong special mind behind
clear tail produce fact street inch multiply nothing course stay wheel full force blue object
decide surface deep moon island foot system busy test record boat common gold possible plane
stead dry wonder laugh thousand ago ran check game shape equate hot miss brought heat snow
tire bring yes distant fill east paint language among`
  .split(/\s+/)
  .filter((word) => word.length > 0);

/** Syllables for the long tail of rarer, made-up words. */
const SYLLABLES =
  'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo za ze zo'.split(
    ' ',
  );

/** Mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The vocabulary: the common words, then `rare` made-up words (distinct, seeded). */
function vocabulary(rare: number, next: () => number): string[] {
  const words = [...new Set(COMMON)];
  const seen = new Set(words);
  while (words.length < COMMON.length + rare) {
    let word = '';
    const syllables = 2 + Math.floor(next() * 3);
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Options of {@link textLines}. */
export interface TextOptions {
  /** Stop once this many bytes (UTF-8, newlines included) have been produced. */
  readonly bytes: number;
  /** The seed: the same seed and size give the same text. Default 1. */
  readonly seed?: number;
  /** Made-up words after the common ones. Default 5,000. */
  readonly rare?: number;
}

/**
 * The text, line by line (lines of at most 72 characters, no newline; a blank line between
 * paragraphs). With their newlines the lines add up to at least `bytes`, and at most one line
 * more.
 */
export function* textLines({ bytes, seed = 1, rare = 5_000 }: TextOptions): Generator<string> {
  const next = random(seed);
  const words = vocabulary(rare, next);
  // Zipf's law: weight 1/rank. Draw by binary search in the cumulative weights.
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    sum += 1 / (i + 1);
    cumulative[i] = sum;
  }
  const draw = (): string => {
    const u = next() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };

  let produced = 0;
  let line = '';
  let linesInParagraph = 0;
  const emit = (text: string): string => {
    produced += text.length + 1; // the vocabulary is ASCII: one byte per character
    return text;
  };
  while (produced < bytes) {
    // One sentence: 4 to 18 words, capitalised, commas now and then, a full stop (mostly).
    const length = 4 + Math.floor(next() * 15);
    for (let i = 0; i < length; i++) {
      let word = draw();
      if (i === 0) word = word[0]!.toUpperCase() + word.slice(1);
      if (i === length - 1) {
        const end = next();
        word += end < 0.85 ? '.' : end < 0.95 ? '?' : '!';
      } else if (next() < 0.07) word += ',';
      if (line.length > 0 && line.length + 1 + word.length > 72) {
        yield emit(line);
        line = '';
        if (++linesInParagraph >= 4 && next() < 0.2) {
          yield emit('');
          linesInParagraph = 0;
        }
        if (produced >= bytes) return;
      }
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) yield emit(line);
}
