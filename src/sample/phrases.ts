/** Word lists the sample answers are built from. */

export const firstNames = [
  'Amina',
  'Ahmed',
  'Anna',
  'Carlos',
  'Chen',
  'David',
  'Elena',
  'Fatima',
  'Grace',
  'Hiroshi',
  'Ivan',
  'Kwame',
  'Li',
  'Maria',
  'Mohamed',
  'Nguyen',
  'Olga',
  'Peter',
  'Priya',
  'Rahul',
  'Sara',
  'Sofia',
  'Thomas',
  'Yusuf',
  'José',
  'François',
  'Zoë',
  'Søren',
  'Inés',
  'André',
  'Noémie',
  'Björn',
];

export const lastNames = [
  'Diallo',
  'Garcia',
  'Haddad',
  'Kovalenko',
  'Mensah',
  'Nair',
  'Okafor',
  'Petrova',
  'Rossi',
  'Said',
  'Smith',
  'Tanaka',
  'Tran',
  'Wang',
  'Hernández',
  'Müller',
  'Ndiaye',
  'Sánchez',
  'Kowalski',
  'Nielsen',
  'Dubois',
];

export const honorifics = ['Mr.', 'Ms.', 'Dr.', 'Mrs.', 'H.E.', 'Prof.'];

export const titles = [
  'Chief Information Officer',
  'Director, Digital Government Department',
  'Head of e-Government Unit',
  'Senior Adviser',
  'Minister of Digital Development',
  'Deputy Minister',
  'Permanent Secretary',
  'Director General, e-Government Agency',
  'Policy Officer',
  'Programme Manager, Digital Transformation',
];

export const eGovBodies = [
  'Ministry of Digital Development',
  'Ministry of Communications and Information Technology',
  'Ministry of Economy and Innovation',
  'Ministry of Public Administration',
  'National Agency for the Information Society',
  'e-Government Agency',
  'Digital Transformation Office',
  'National Information Technology Authority',
];

/** The usual ministry for each sector question ("Health" → Ministry of Health), with a site label. */
export const sectorBodies: Record<string, [string, string][]> = {
  'Planning/development': [
    ['Ministry of Planning and Development', 'planning'],
    ['National Planning Commission', 'npc'],
  ],
  Education: [
    ['Ministry of Education', 'moe'],
    ['Ministry of Education and Science', 'edu'],
  ],
  Health: [
    ['Ministry of Health', 'health'],
    ['Ministry of Public Health', 'moph'],
  ],
  'Social Welfare (social inclusion, social protection, etc.)': [
    ['Ministry of Labour and Social Protection', 'mlsp'],
    ['Ministry of Social Welfare', 'social'],
  ],
  'Employment and Labour': [
    ['Ministry of Labour and Social Protection', 'mlsp'],
    ['Ministry of Employment', 'employment'],
  ],
  Environment: [
    ['Ministry of Natural Resources and Environment', 'environment'],
    ['Environment Protection Agency', 'epa'],
  ],
  Justice: [
    ['Ministry of Justice', 'justice'],
    ['Ministry of Justice and Legal Affairs', 'moj'],
  ],
  'Economy/finance': [
    ['Ministry of Finance', 'finance'],
    ['Ministry of Economy', 'economy'],
  ],
  'Industry/trade': [
    ['Ministry of Industry and Trade', 'trade'],
    ['Ministry of Commerce', 'commerce'],
  ],
};

export const siteLabels = [
  'www',
  'portal',
  'egov',
  'data',
  'laws',
  'digital',
  'mincom',
  'services',
  'opendata',
];
export const sitePaths = [
  '',
  '',
  '/en',
  '/services',
  '/doc/{n}',
  '/legislation?id={n}',
  '/page/{n}',
  '/ru',
  '/fr',
];

/** Laws by the topic words of a question, with a general fallback. */
export const lawsByTopic: [RegExp, string[]][] = [
  [/access to information/i, ['Law on Access to Information', 'Freedom of Information Act']],
  [/privacy|protection\?/i, ['Personal Data Protection Act', 'Law on Personal Data']],
  [/cybersecurity/i, ['Law on Cybersecurity', 'Law on Information Security']],
  [/digital identity/i, ['Law on Electronic Identification', 'Decree on Biometric Documents']],
  [/signature/i, ['Law on Electronic Documents and Electronic Signature', 'Electronic Transactions Act']],
  [/procurement/i, ['Public Procurement Law', 'Regulation on Electronic Procurement']],
  [/expenditure/i, ['Budget Code', 'Law on Fiscal Transparency']],
  [
    /interoperability|sharing/i,
    ['Law on Interoperability of State Information Systems', 'Data Exchange Regulation'],
  ],
  [/open government data/i, ['Open Data Regulation', 'Law on Re-use of Public Sector Information']],
  [
    /emerging|artificial|robotics|blockchain|5G|Internet of Things/i,
    ['Decree on the Development of the Digital Economy', 'National AI Strategy'],
  ],
];

export const generalLaws = [
  'Law on Information and Informatization',
  'Law on Electronic Government',
  'Decree on the Development of the Digital Economy',
  'Law on Access to Information',
  'Personal Data Protection Act',
];

export const projects = [
  'Mobile ID',
  'Single sign-on',
  'Open data initiative',
  'Digital services for citizens',
  'Online appointment booking',
  'Electronic health records',
  'Contact tracing application',
  'E-learning platform',
];

export const plans = [
  'State Programme "Digital {country}" {y1}-{y2}',
  'National Development Plan {y1}-{y2}',
  'e-Government Master Plan {y1}-{y2}',
  'National Digital Transformation Strategy {y1}-{y2}',
  'Informatization development strategy for {y1} - {y2}',
];

export const partners = [
  'the World Bank',
  'UNDP',
  'ITU',
  'the European Union',
  'the African Union',
  'OECD',
  'the Asian Development Bank',
  'ESCWA',
  'neighbouring countries',
  'the Inter-American Development Bank',
  'the Republic of Korea (KOICA)',
  'Estonia (e-Governance Academy)',
];

export const prose = [
  'After receiving the result of the service, the registered user of the single portal of electronic services is given the opportunity to assess the quality of its provision and leave a comment.',
  'The analysis of the received assessments and reviews is carried out on a quarterly basis.',
  'This analysis is carried out for all users regardless of gender.',
  'All government agencies use social networks (Facebook, Twitter, Instagram, Telegram) predominantly for e-information; in some cases for e-consultation or e-decision-making.',
  'A working group under the Prime Minister coordinates the digital agenda between the ministries and the regional administrations.',
  'Statistics on the use of e-services are published every month on the open data portal.',
  'The strategy is reviewed every two years with the participation of civil society, academia and the private sector.',
  'Regional and local authorities follow the national architecture framework and reuse the shared components (identity, payments, notifications).',
  'Not necessary, regardless of gender, everyone has equal access (measures are provided for all categories of citizens).',
  'The work is carried out within the framework of the regional digital agenda.',
  'Pilot projects were launched in 2021; an evaluation report is expected next year.',
];

/** Alternative answers to Q57 typed into "Other". */
export const otherPeriods = [
  '7 years',
  'Six-year',
  '2021-2030 (ten years)',
  'Rolling annual plan',
  'Four-year',
  'Eight-year (2018-2025)',
  'No fixed period',
];

/** Phrases in a national language, for responses partly written in it. */
export interface LocalVoice {
  bodies: string[];
  titles: string[];
  people: string[];
  laws: string[];
  plan: string;
  sentences: string[];
}

export const localVoices: Record<string, LocalVoice> = {
  rus: {
    bodies: [
      'Министерство цифрового развития',
      'Министерство связи и информатизации',
      'Национальный центр электронных услуг',
    ],
    titles: ['Заместитель министра', 'Начальник управления цифровой трансформации', 'Главный специалист'],
    people: ['Иван Петров', 'Ольга Смирнова', 'Сергей Ковалёв', 'Анна Кузнецова', 'Дмитрий Волков'],
    laws: [
      'Закон «Об информации, информатизации и защите информации»',
      'Закон «Об электронном документе и электронной цифровой подписи»',
      'Закон «О защите персональных данных»',
      'Указ № 8 «О развитии цифровой экономики»',
    ],
    plan: 'Государственная программа «Цифровое развитие» на {y1}–{y2} годы',
    sentences: [
      'Работа ведётся в рамках цифровой повестки ЕАЭС.',
      'Статистика использования электронных услуг публикуется ежеквартально.',
      'Оценка качества услуг проводится после получения результата услуги.',
      'Сотрудничество в рамках ЕАЭС, СНГ, ПРООН и Всемирного банка.',
    ],
  },
  ukr: {
    bodies: ['Міністерство цифрової трансформації', 'Державне агентство з питань електронного урядування'],
    titles: ['Заступник міністра', 'Директор департаменту'],
    people: ['Олена Шевченко', 'Андрій Коваленко', 'Ірина Бондаренко'],
    laws: [
      'Закон «Про електронні довірчі послуги»',
      'Закон «Про доступ до публічної інформації»',
      'Закон «Про захист персональних даних»',
    ],
    plan: 'Концепція розвитку цифрової економіки на {y1}–{y2} роки',
    sentences: [
      'Послуги надаються через портал «Дія».',
      'Звіти публікуються щомісяця на порталі відкритих даних.',
    ],
  },
  bul: {
    bodies: ['Министерство на електронното управление', 'Държавна агенция „Електронно управление“'],
    titles: ['Заместник-министър', 'Главен експерт'],
    people: ['Георги Иванов', 'Мария Петрова', 'Десислава Стоянова'],
    laws: [
      'Закон за електронното управление',
      'Закон за защита на личните данни',
      'Закон за достъп до обществена информация',
    ],
    plan: 'Стратегия за развитие на електронното управление {y1}–{y2} г.',
    sentences: [
      'Информацията се публикува на Портала за отворени данни.',
      'Услугите са достъпни чрез Единния модел за заявяване.',
    ],
  },
  srp: {
    bodies: [
      'Министарство државне управе и локалне самоуправе',
      'Канцеларија за информационе технологије и електронску управу',
    ],
    titles: ['Државни секретар', 'Помоћник министра'],
    people: ['Јелена Јовановић', 'Никола Ђорђевић', 'Милица Петровић'],
    laws: [
      'Закон о електронској управи',
      'Закон о заштити података о личности',
      'Закон о информационој безбедности',
    ],
    plan: 'Програм развоја електронске управе {y1}–{y2}',
    sentences: [
      'Услуге су доступне на порталу еУправа.',
      'Подаци се објављују на Порталу отворених података.',
    ],
  },
  kaz: {
    bodies: ['Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі'],
    titles: ['Вице-министр', 'Департамент директоры'],
    people: ['Әлия Нұрланқызы', 'Асқар Серікұлы'],
    laws: ['«Ақпараттандыру туралы» Заң', '«Дербес деректер және оларды қорғау туралы» Заң'],
    plan: '«Цифрлық Қазақстан» мемлекеттік бағдарламасы {y1}–{y2}',
    sentences: ['Электрондық қызметтер eGov порталы арқылы көрсетіледі.'],
  },
  fra: {
    bodies: [
      'Ministère de l’Économie numérique',
      'Agence nationale des technologies de l’information',
      'Secrétariat d’État au Numérique',
    ],
    titles: ['Directeur général', 'Conseillère technique', 'Chargé d’études'],
    people: ['François Kaboré', 'Aïcha Traoré', 'Hélène Diouf', 'Jérôme Ndiaye'],
    laws: [
      'Loi n° 2018-07 relative à la protection des données à caractère personnel',
      'Décret portant création de l’Agence de développement de l’économie numérique',
      'Loi relative aux transactions électroniques',
    ],
    plan: 'Stratégie nationale du numérique {y1}–{y2}',
    sentences: [
      'Les démarches en ligne sont accessibles sur le portail national des services publics.',
      'Un comité interministériel assure la coordination entre les ministères et les collectivités.',
    ],
  },
  spa: {
    bodies: [
      'Secretaría de Gobierno Digital',
      'Ministerio de Tecnologías de la Información y las Comunicaciones',
    ],
    titles: ['Director de Gobierno Digital', 'Subsecretaria', 'Jefe de Gabinete'],
    people: ['José Martínez', 'María Fernández', 'Raúl Peña', 'Begoña Ibáñez'],
    laws: [
      'Ley de Transparencia y Acceso a la Información Pública',
      'Ley N° 27.275 de Protección de Datos Personales',
      'Ley de Firma Electrónica',
    ],
    plan: 'Agenda Digital {y1}–{y2}',
    sentences: [
      'La estrategia se actualiza cada año con la participación de la ciudadanía.',
      'Los trámites en línea están disponibles en el portal único del Estado.',
    ],
  },
  por: {
    bodies: ['Secretaria de Governo Digital', 'Ministério da Economia'],
    titles: ['Secretário de Governo Digital', 'Coordenadora-Geral'],
    people: ['João Gonçalves', 'Conceição Araújo', 'Luís Simões'],
    laws: [
      'Lei Geral de Proteção de Dados Pessoais (LGPD)',
      'Lei de Acesso à Informação',
      'Lei do Governo Digital',
    ],
    plan: 'Estratégia de Governo Digital {y1}–{y2}',
    sentences: ['Os serviços públicos digitais estão disponíveis no portal único do governo.'],
  },
  deu: {
    bodies: ['Bundesministerium für Digitales', 'Bundesamt für Informatik und Telekommunikation'],
    titles: ['Referatsleiterin', 'Abteilungsleiter'],
    people: ['Jürgen Müller', 'Anna Schäfer', 'Günter Weiß'],
    laws: ['Onlinezugangsgesetz (OZG)', 'E-Government-Gesetz (EGovG)', 'Datenschutzgesetz'],
    plan: 'Digitalstrategie {y1}–{y2}',
    sentences: ['Die Verwaltungsleistungen sind über das Verwaltungsportal erreichbar.'],
  },
  pol: {
    bodies: ['Ministerstwo Cyfryzacji', 'Centralny Ośrodek Informatyki'],
    titles: ['Dyrektor Departamentu', 'Główny specjalista'],
    people: ['Łukasz Wiśniewski', 'Małgorzata Zielińska'],
    laws: [
      'Ustawa o informatyzacji działalności podmiotów realizujących zadania publiczne',
      'Ustawa o krajowym systemie cyberbezpieczeństwa',
    ],
    plan: 'Program Zintegrowanej Informatyzacji Państwa {y1}–{y2}',
    sentences: ['Usługi są dostępne w aplikacji mObywatel oraz na portalu gov.pl.'],
  },
  ron: {
    bodies: ['Autoritatea pentru Digitalizarea României'],
    titles: ['Director general', 'Consilier superior'],
    people: ['Ștefan Popescu', 'Ioana Țurcanu'],
    laws: [
      'Legea nr. 455/2001 privind semnătura electronică',
      'Legea nr. 544/2001 privind liberul acces la informațiile de interes public',
    ],
    plan: 'Strategia națională privind agenda digitală {y1}–{y2}',
    sentences: ['Serviciile publice electronice sunt disponibile prin punctul de contact unic.'],
  },
  tur: {
    bodies: ['Cumhurbaşkanlığı Dijital Dönüşüm Ofisi'],
    titles: ['Daire Başkanı', 'Uzman'],
    people: ['Ayşe Yılmaz', 'Mehmet Öztürk'],
    laws: ['Kişisel Verilerin Korunması Kanunu', 'Elektronik İmza Kanunu'],
    plan: 'Ulusal Dijital Dönüşüm Stratejisi {y1}–{y2}',
    sentences: ['Hizmetler e-Devlet Kapısı üzerinden sunulmaktadır.'],
  },
  ara: {
    bodies: ['وزارة الاتصالات وتقنية المعلومات', 'هيئة الحكومة الرقمية'],
    titles: ['مدير عام', 'مستشار'],
    people: ['محمد العلي', 'فاطمة الحسن'],
    laws: ['قانون حماية البيانات الشخصية', 'قانون المعاملات الإلكترونية'],
    plan: 'الاستراتيجية الوطنية للتحول الرقمي {y1}–{y2}',
    sentences: ['تتوفر الخدمات الحكومية الإلكترونية عبر البوابة الوطنية الموحدة.'],
  },
};
