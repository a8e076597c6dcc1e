import type { HarmCategory } from '@/lib/generated/prisma/enums';

/**
 * What demo reporters write, per category: plain, non-graphic sentences in the voice of the public
 * and of a platform's safety team. Links are fictional (example domains) and shown defanged.
 */
export const REPORT_TEXTS: Readonly<Record<HarmCategory, readonly string[]>> = {
  child_sexual_imagery: [
    'Posting links to an album they describe as photos of young children.',
    'Replies under a school sports page with a link that says "full set, kids". I did not open it.',
    'The account shares a file-sharing link and asks people to DM for "more of the young ones".',
    'Our classifier matched two uploads from this account against a known-hash list.',
  ],
  grooming: [
    'Keeps messaging my 12-year-old asking to meet after school and to keep it secret.',
    'Adult account that comments on teenagers’ posts and asks them to move to a private chat.',
    'Asks kids in a game community to move to private chat and send photos.',
    'Told my niece (13) he is 15 and offered gift cards for pictures.',
  ],
  trafficking: [
    'Offering "modelling jobs" abroad to girls who list their age as 15.',
    'Posts that advertise "young company" with a price list and a meeting place.',
  ],
  sextortion: [
    'Threatening my son to post his pictures unless he pays by tonight. He is 14.',
    'Demands money from a 16-year-old or will send her photos to her school friends.',
    'Several teenagers in our group chat got the same threat from this account.',
  ],
  obscene_material_to_child: [
    'Sent explicit pictures to my daughter (13) in direct messages.',
    'Sends sexual videos to children who reply to his posts.',
  ],
  other_child_harm: [
    'Encouraging self-harm in comments under a teenager’s posts.',
    'Runs a "challenge" that tells kids to hurt themselves and post proof.',
    'Shares the home address and school of a 14-year-old to harass her.',
  ],
  other_abuse: [
    'Mass spam with adult links in replies.',
    'Impersonates a charity and asks for donations.',
    'Hateful abuse in replies to a news page, same text every few minutes.',
  ],
};

/** The weekend episode: public reports of accounts riding a trending hashtag (as in the seed articles). */
export const BURST_TEXTS: readonly string[] = [
  'This account is posting in the trending hashtag with links that say they are videos of children.',
  'Saw it under the trending tag — reposting abuse links. Please take it down, everyone is seeing it.',
  'Dozens of replies with the same link in the trending hashtag, claims it shows kids.',
  'Reporting as asked by the charity thread: this account is spreading child abuse links in the hashtag.',
];

export const HANDLE_PARTS = {
  first: ['sunny', 'night', 'quick', 'lonely', 'gamer', 'pixel', 'silver', 'blue', 'happy', 'wild', 'misty', 'urban', 'lucky', 'cosmic', 'velvet', 'frosty'],
  second: ['daze', 'owl', 'cash', 'guy', 'buddy', 'scout', 'fox', 'river', 'vibes', 'room', 'trader', 'wolf', 'star', 'mate', 'drop', 'cloud'],
  joiner: ['_', '.', '', '__'],
} as const;

export const BURST_HANDLES = ['trendy.pix.drop', 'hashtag_sharez', 'viral.clipz.4u', 'fyp_linkdump', 'trend_vault_22'] as const;

export const DISPLAY_NAMES = ['Sunny D', 'Night Owl', 'Alex', 'J.', 'Official Giveaways', 'Kid Friendly Games', 'Modelling Agency', 'Luke'] as const;
