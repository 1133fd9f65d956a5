import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file under the data directory holding the key survey links are signed with. */
export const LINK_KEY_FILE = 'survey-link.key';

/**
 * Signs and checks survey links for email: the token is an HMAC-SHA256 of project, survey and
 * user under a key kept in the data directory (made on first use), so a link answers only for
 * the person it was sent to, and rotating the key (deleting the file) voids every link.
 */
export class SurveyLinkSigner {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  static open(dataDir: string): SurveyLinkSigner {
    const file = path.join(dataDir, LINK_KEY_FILE);
    if (!existsSync(file)) {
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process made it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return new SurveyLinkSigner(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  token(projectId: string, surveyId: string, userId: string): string {
    return createHmac('sha256', this.#key).update(`${projectId}\n${surveyId}\n${userId}`).digest('base64url');
  }

  verify(projectId: string, surveyId: string, userId: string, token: string): boolean {
    const expected = Buffer.from(this.token(projectId, surveyId, userId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The path of a survey's link for a user (prefix it with the server's public URL). */
  linkPath(projectId: string, surveyId: string, userId: string): string {
    return `/s/${encodeURIComponent(projectId)}/${encodeURIComponent(surveyId)}?u=${encodeURIComponent(userId)}&t=${this.token(projectId, surveyId, userId)}`;
  }
}
