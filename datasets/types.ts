/** Shapes of the built datasets (see CONTRIBUTING.md, "Data contract"). */
import type { ShopSummary } from './shop/types';

export type SpamGroup = 'easy-ham-1' | 'hard-ham-1' | 'spam-1' | 'easy-ham-2' | 'spam-2';
export type SpamLabel = 'spam' | 'ham';
export type SpamSplit = 'train' | 'validation' | 'test' | 'production';

/** One e-mail, one line of `build/spam/<split>.jsonl`. */
export interface SpamRow {
  /** `<group>/<file name without extension>`, stable and unique. */
  id: string;
  group: SpamGroup;
  /** 1 for the `*-1` groups (training collection), 2 for `*-2` (the later "production" one). */
  period: 1 | 2;
  /** Date header as ISO 8601 UTC; null when missing or unreadable. */
  date: string | null;
  /** False when the date is missing or outside the window in datasets/spam/README.md. */
  date_plausible: boolean;
  /** Lower-case domain of the From address. */
  from_domain: string | null;
  subject: string;
  /** Decoded text of the message; HTML converted to text. */
  body: string;
  /** The message had an HTML part. */
  is_html: boolean;
  /** Raw header block, unfolded. For the header-leakage lesson only: models must not read it. */
  headers: string;
  /** `subject + "\n\n" + body`: what models read and what the API receives. */
  text: string;
  label: SpamLabel;
}

/** One penguin of `build/penguins.json`; null where the source has no value. */
export interface Penguin {
  species: string;
  island: string;
  beakLengthMm: number | null;
  beakDepthMm: number | null;
  flipperLengthMm: number | null;
  bodyMassG: number | null;
  /** "MALE", "FEMALE", null (missing) or "." (one unreadable entry kept as in the source). */
  sex: string | null;
}

/** Counts and checksum of one built file. */
export interface FileStats {
  rows: number;
  bytes: number;
  sha256: string;
  /** Only for spam files. */
  spam?: number;
  ham?: number;
  /** spam / rows, rounded to 4 decimals. */
  spam_share?: number;
}

/** `build/manifest.json`. File keys are paths relative to the build folder, with `/`. */
export interface Manifest {
  files: Record<string, FileStats>;
  spam: {
    source: string;
    messages_per_group: Record<SpamGroup, number>;
    seed: number;
    split_fractions: { train: number; validation: number; test: number };
    date_window: { from: string; to: string };
    implausible_dates: Record<SpamSplit, number>;
    duplicates: {
      removed: number;
      per_group: Partial<Record<SpamGroup, number>>;
      /** Removed id → the id of the copy that was kept. */
      ids: Record<string, string>;
      /** Duplicate sets whose copies carry both labels. */
      label_conflicts: { kept: string; removed: string[]; labels: SpamLabel[] }[];
    };
    malformed: { count: number; items: { id: string; reason: string }[] };
  };
  penguins: {
    source: string;
    rows: number;
    field_names: Record<string, keyof Penguin>;
    missing: Record<keyof Penguin, number>;
  };
  /** The simulated shop (datasets/shop/DATASHEET.md). */
  shop: ShopSummary;
}
