/**
 * Secret redaction. Values of environment variables whose names look like credentials
 * (PASSWORD, SECRET, TOKEN, KEY, PASSPHRASE, CREDENTIAL, and every STRATA_SECRET_*) are
 * replaced by `****` in every log line, artifact and compiled file.
 */

export interface SecretSet {
  readonly values: readonly string[];
}

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|API_KEY|PASSPHRASE|CREDENTIAL|_KEY$)|^STRATA_SECRET_/i;

/** Collect secret values from an environment. Values shorter than 4 characters are ignored. */
export function collectSecrets(env: NodeJS.ProcessEnv): SecretSet {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < 4) continue;
    if (!SECRET_NAME.test(name)) continue;
    values.add(value);
    // Inside JSON text (artifacts, JSON log lines) a secret with " or \ or a control character is escaped.
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) values.add(escaped);
  }
  // Longest first so a secret that contains another is replaced whole.
  return { values: [...values].sort((a, b) => b.length - a.length) };
}

export function redactSecrets(text: string, secrets: SecretSet): string {
  let out = text;
  for (const secret of secrets.values) {
    if (out.includes(secret)) out = out.split(secret).join('****');
  }
  return out;
}
