/** The help of `cmsi inspect`, apart from the command so that `cmsi --help` does not load the inspector. */
export const INSPECT_HELP = `usage: cmsi inspect FILE [options]     (alias: cmsi dump)

Shows the structure of a CMS or S/MIME message (DER, BER, PEM, base64 or .eml; "-" reads
stdin) as a tree: per node its offset and length, the field name and type from the CMS, ESS and
X.509 ASN.1 (or "unknown" where the schema has nothing), the decoded value (OIDs with names,
times, integers, strings, certificates by subject), and the checker's findings at the node they
concern. Messages inside are shown as layers of their own, each with its own offsets: the MIME
entity and its CMS, a message carried as eContent, the signed part of multipart/signed, and the
content recovered with --key/--password/--kek (signed inside enveloped, and so on).

  --format text|json   output format (default text); json is the tree as data (version 1)
  --cert FILE          a certificate (PEM or DER) to verify signatures with, or to pair with --key;
                       repeatable
  --key FILE           a recipient private key (PKCS#8 PEM or DER) to decrypt with; repeatable
  --password P         the password of a PasswordRecipientInfo
  --kek [KEYID:]KEY    a KEK for KEKRecipientInfo (hex), or the key of an EncryptedData
  --content FILE       the detached content of a detached signature
  --profile current|v3 the profile whose requirements the findings cite (default current)
  --passes             also show the rules that passed, at their nodes
  --brief              text: certificates, CRLs and names as one line each (their findings kept)
  --out FILE           write to FILE instead of stdout

Exit codes: 0 the tree was shown (whatever the verdict: cmsi check judges); 2 usage or I/O error.

Example: cmsi inspect corpus/samples/smime/pkcs7-mime/enveloped-data.eml --key corpus/keys/bob-rsa.key.pem --cert corpus/keys/bob-rsa.cert.pem`;
