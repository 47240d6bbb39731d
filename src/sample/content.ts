import { institutionalName, stripAccents, type SampleCountry } from './countries';
import {
  eGovBodies,
  firstNames,
  generalLaws,
  honorifics,
  lastNames,
  lawsByTopic,
  localVoices,
  partners,
  plans,
  projects,
  prose,
  sectorBodies,
  siteLabels,
  sitePaths,
  titles,
  type LocalVoice,
} from './phrases';
import type { Random } from './random';

/** Writes the free-text answers of one respondent: one country, one style of writing links and lists. */
export class AnswerWriter {
  /** A national language the respondent sometimes writes in, and how often. */
  readonly voice?: LocalVoice;
  readonly localShare: number;
  private readonly linkStyle: number;

  constructor(
    private readonly rnd: Random,
    readonly country: SampleCountry,
  ) {
    const language = country.languages.find((l) => localVoices[l]);
    if (language && rnd.chance(0.4)) {
      this.voice = localVoices[language];
      // Respondents writing Cyrillic tend to write much of the form in it.
      this.localShare = /[\u0400-\u04ff]/.test(this.voice.plan) ? 0.6 : 0.25;
    } else this.localShare = 0;
    this.linkStyle = rnd.int(0, 4);
  }

  private local(): boolean {
    return this.voice !== undefined && this.rnd.chance(this.localShare);
  }

  get countryName(): string {
    return institutionalName(this.country);
  }

  host(label = this.rnd.pick(siteLabels)): string {
    const { tld, govLabel } = this.country;
    if (label === 'egov') return `egov.${tld}`;
    if (label === 'www' && this.rnd.chance(0.5)) return `www.${govLabel}.${tld}`;
    return `${label}.${govLabel}.${tld}`;
  }

  url(label?: string): string {
    const path = this.rnd.pick(sitePaths).replace('{n}', String(this.rnd.int(10, 9999)));
    return `https://${this.host(label)}${path}`;
  }

  /** A link as respondents type it: in angle brackets, parentheses, bare, or without the scheme. */
  link(label?: string): string {
    const url = this.url(label);
    const style = this.rnd.chance(0.6) ? this.linkStyle : this.rnd.int(0, 4);
    if (style === 0 || style === 1) return `<${url}>`;
    if (style === 2) return `(${url})`;
    if (style === 3) return url;
    return url.replace(/^https:\/\//, '');
  }

  /** A link after an institution's name: "(<https://…>)" or "(https://…)". */
  linkInParentheses(label?: string): string {
    const url = this.url(label);
    return this.rnd.chance(0.8) ? `(<${url}>)` : `(${url})`;
  }

  /** Several links on one line, numbered the way pasted lists come out: "1. <…> 2. <…>". */
  linkList(): string {
    const n = this.rnd.weighted([
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 2],
      [6, 1],
    ] as const);
    if (n === 1) return this.link();
    return Array.from({ length: n }, (_, i) => `${i + 1}. ${this.link()}`).join(' ');
  }

  personName(withHonorific = this.rnd.chance(0.6)): string {
    if (this.local()) return this.rnd.pick(this.voice!.people);
    const name = `${this.rnd.pick(firstNames)} ${this.rnd.pick(lastNames)}`;
    return withHonorific ? `${this.rnd.pick(honorifics)} ${name}` : name;
  }

  title(): string {
    if (this.local()) return this.rnd.pick(this.voice!.titles);
    return this.rnd.pick(titles);
  }

  /** An institution "… of <Country>", which also lets a reader infer a blank country. */
  organization(forceEnglish = false): string {
    if (!forceEnglish && this.local()) return this.rnd.pick(this.voice!.bodies);
    return `${this.rnd.pick(eGovBodies)} of ${this.countryName}`;
  }

  email(person: string, valid: boolean): string {
    const parts = stripAccents(person)
      .replace(/^(Mr|Ms|Mrs|Dr|Prof|H\.E)\.\s+/, '')
      .toLowerCase()
      .split(/\s+/)
      .filter((p) => /^[a-z'-]+$/.test(p));
    const local =
      parts.length >= 2
        ? `${parts[0]}.${parts[parts.length - 1]}`
        : `${this.rnd.pick(firstNames).toLowerCase()}.${this.rnd.pick(['smith', 'nair', 'diallo'])}`;
    const host = this.host(this.rnd.pick(['mincom', 'digital', 'egov', 'mfa']));
    if (valid) return `${stripAccents(local)}@${host}`;
    return this.rnd.pick([
      `${local} at ${host}`,
      `${local}@${host.replace('.', '..')}`,
      `${local}@`,
      local,
      `${local}@@${host}`,
      'see above',
    ]);
  }

  /** The national portal(s), sometimes with a remark on the lines below. */
  portal(): string {
    const first = this.rnd.chance(0.5)
      ? this.linkList()
      : this.host(this.rnd.pick(['portal', 'www', 'egov']));
    if (!this.rnd.chance(0.2)) return first;
    const remark = this.local()
      ? this.rnd.pick(this.voice!.sentences)
      : this.rnd.pick([
          `From September 1, ${this.rnd.int(2021, 2023)} a new version of the portal will be launched`,
          'More services for citizens will be available on it.',
          'The portal is available in the official languages and in English.',
        ]);
    return `${first}\n${remark}`;
  }

  agencies(): string {
    const n = this.rnd.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const);
    return Array.from({ length: n }, () => `${this.organization()} ${this.linkInParentheses()}`).join('\n');
  }

  /** The ministry in charge of a sector ("Education" → Ministry of Education of <Country> (<link>)). */
  sector(questionText: string): string {
    const bodies = sectorBodies[questionText] ?? eGovBodies.map((b) => [b, 'www'] as [string, string]);
    const one = () => {
      const [body, site] = this.rnd.pick(bodies);
      const name = this.local() ? this.rnd.pick(this.voice!.bodies) : `${body} of ${this.countryName}`;
      return `${name} ${this.linkInParentheses(site)}`;
    };
    return this.rnd.chance(0.15) ? `${one()} / ${one()}` : one();
  }

  cooperation(): string {
    if (this.local()) return this.voice!.sentences[this.voice!.sentences.length - 1];
    const names = this.rnd.sample(partners, this.rnd.int(2, 4));
    return `Cooperation with ${names.join(', ')}.`;
  }

  /** A law on the topic, with its year unless written in the national language. */
  private law(topic: string, withYear: boolean): string {
    if (this.local()) return this.rnd.pick(this.voice!.laws);
    const found = lawsByTopic.find(([re]) => re.test(topic));
    const name = this.rnd.pick(found && this.rnd.chance(0.7) ? found[1] : generalLaws);
    return withYear ? `${name} of ${this.rnd.int(1995, 2022)}` : name;
  }

  private plan(): string {
    const y1 = this.rnd.int(2014, 2022);
    const y2 = y1 + this.rnd.int(2, 10);
    const template = this.local() ? this.voice!.plan : this.rnd.pick(plans);
    return template
      .replace('{country}', this.country.commonName)
      .replace('{y1}', String(y1))
      .replace('{y2}', String(y2));
  }

  /** A "please provide link and detail" answer, in one of the shapes respondents use. */
  detail(topic: string): string {
    const year = () => this.rnd.int(1995, 2022);
    switch (
      this.rnd.weighted([
        ['laws', 5],
        ['projects', 3],
        ['plan', 3],
        ['since', 2],
        ['regulates', 3],
        ['prose', 3],
        ['decree', 1],
        ['link', 2],
        ['main', 1],
      ] as const)
    ) {
      case 'laws': {
        const n = this.rnd.int(1, 4);
        return Array.from({ length: n }, (_, i) => {
          const item = `${i + 1}. ${this.law(topic, true)} - ${this.link()}`;
          return i > 0 && this.rnd.chance(0.3) ? `\n${item}` : item;
        }).join('\n');
      }
      case 'main': {
        const n = this.rnd.int(2, 3);
        const items = Array.from(
          { length: n },
          (_, i) => `${i + 1}. The ${this.law(topic, false)} - ${this.link()}`,
        );
        return `The main:\n\n${items.join(this.rnd.chance(0.5) ? '\n\n' : '\n')}`;
      }
      case 'projects': {
        const items = this.rnd.sample(projects, this.rnd.int(1, 3)).map((p) => `- ${p} - <${this.url()}>;`);
        return `Special projects:\n\n${items.join('\n')}`;
      }
      case 'plan':
        return `${this.plan()}\n${this.rnd.chance(0.3) ? '\n' : ''}${this.link()}`;
      case 'since':
        return `Yes, since ${this.rnd.int(2010, 2022)}. ${this.rnd.pick(eGovBodies)} coordinates the work.`;
      case 'regulates':
        return `The ${this.law(topic, false)} (${year()}) regulates this area. Details are published on the official legal portal:\n\n${this.link('laws')}`;
      case 'decree': {
        const body = `DECISION OF THE COUNCIL OF MINISTERS OF ${this.countryName.toUpperCase()}`;
        const date = `${this.rnd.pick(['March', 'June', 'November'])} ${this.rnd.int(1, 28)}, ${year()} No. ${this.rnd.int(10, 999)}`;
        return `${body}\n${date}\nOn the procedure for the creation and functioning of the state information system\n${this.link('laws')}`;
      }
      case 'link':
        return this.link();
      default: {
        if (this.local()) {
          const lines = this.rnd.sample(this.voice!.sentences, this.rnd.int(1, 2));
          return this.rnd.chance(0.5) ? `${lines.join('\n')}\n${this.link()}` : lines.join('\n\n');
        }
        const paragraphs = this.rnd.sample(prose, this.rnd.int(1, 3));
        return paragraphs.join(this.rnd.chance(0.6) ? '\n\n' : '\n');
      }
    }
  }

  /** "Useful links:" followed by links on their own lines, or a detail answer. */
  otherInformation(): string {
    if (this.rnd.chance(0.6)) return this.detail('e-government');
    const links = Array.from({ length: this.rnd.int(2, 5) }, () => `<${this.url()}>`);
    return `Useful links:\n\n${links.join('\n\n')}`;
  }

  guidelines(): string {
    if (this.local()) return this.rnd.pick(this.voice!.sentences);
    return this.rnd.pick([
      'An appropriate prescription has been issued for maintaining accounts in social networks of managers and (or) government agencies.',
      `Guidelines for the use of social media by public institutions (${year(this.rnd)})\n${this.link()}`,
      'There are no specific guidelines; each institution follows its own communication policy.',
    ]);
  }
}

function year(rnd: Random): number {
  return rnd.int(2015, 2022);
}
