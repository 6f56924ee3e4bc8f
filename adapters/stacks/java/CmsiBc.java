/*
 * The Bouncy Castle side of the cms-interop adapter (adapters/stacks/bouncycastle.ts).
 *
 * One JVM answers many requests: one JSON object a line on stdin, one JSON object a line on
 * stdout, in order. Bytes travel as base64, keys and certificates as file paths. Every answer has
 * "status": accept (with "content", base64, or null), reject (Bouncy Castle refused the message:
 * "message" is its exception text), unsupported, error (the request or its inputs are broken: a
 * harness problem, never a verdict on the message) or crash (a java.lang.Error such as a stack
 * overflow inside Bouncy Castle).
 *
 * What Bouncy Castle does and what this file does: parsing, signature and MAC verification,
 * decryption, key unwrapping, certificate path building and message production are Bouncy
 * Castle's (CMSSignedData, CMSEnvelopedData, CMSAuthEnvelopedData, CMSAuthenticatedData,
 * CMSDigestedData, CMSCompressedData, CMSEncryptedData, the Jce* recipients, the BC provider's
 * PKIX CertPathBuilder). This file picks the recipient that matches the given certificate or KEK,
 * and compares the AuthenticatedData MAC and message digest (Bouncy Castle returns them, the
 * caller compares). Bouncy Castle has no ESS receipt validation, so there is no receipt request.
 */
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.DigestedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSAuthenticatedData;
import org.bouncycastle.cms.CMSAuthenticatedDataGenerator;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSDigestedData;
import org.bouncycastle.cms.CMSEncryptedData;
import org.bouncycastle.cms.CMSEncryptedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.KEKRecipientId;
import org.bouncycastle.cms.KEKRecipientInformation;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.PasswordRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSMacCalculatorBuilder;
import org.bouncycastle.cms.jcajce.JceKEKAuthenticatedRecipient;
import org.bouncycastle.cms.jcajce.JceKEKEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKEKRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthenticatedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthenticatedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcePasswordAuthenticatedRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JceInputDecryptorProviderBuilder;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.Store;

public final class CmsiBc {
  private static final String BC = "BC";

  /** Bouncy Castle refused the message. */
  static final class Reject extends Exception {
    Reject(String m) { super(m); }
  }
  /** Bouncy Castle (or this program) cannot do what was asked. */
  static final class Unsupported extends Exception {
    Unsupported(String m) { super(m); }
  }
  /** The request or its inputs are broken: a harness problem. */
  static final class HarnessError extends Exception {
    HarnessError(String m) { super(m); }
  }

  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err); // nothing but answers on the protocol stream
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      Object id = null;
      Map<String, Object> answer = new LinkedHashMap<>();
      try {
        Map<String, Object> req = Json.object(Json.parse(line));
        id = req.get("id");
        handle(req, answer);
      } catch (Reject e) {
        answer.put("status", "reject");
        answer.put("message", e.getMessage());
      } catch (Unsupported e) {
        answer.put("status", "unsupported");
        answer.put("message", e.getMessage());
      } catch (HarnessError e) {
        answer.put("status", "error");
        answer.put("message", e.getMessage());
      } catch (Exception e) {
        // Anything Bouncy Castle throws while reading or checking the message is its refusal.
        answer.put("status", "reject");
        answer.put("message", describe(e));
      } catch (Error e) {
        answer.put("status", "crash");
        answer.put("message", describe(e));
      }
      answer.put("id", id);
      out.println(Json.write(answer));
      out.flush();
    }
  }

  static String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null && b.length() < 600; c = c.getCause()) {
      if (b.length() > 0) b.append(" <- ");
      b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
      if (c.getCause() == c) break;
    }
    return b.toString();
  }

  static void handle(Map<String, Object> req, Map<String, Object> answer) throws Exception {
    String op = Json.str(req, "op");
    byte[] content;
    switch (op) {
      case "version":
        answer.put("status", "accept");
        answer.put("version", new BouncyCastleProvider().getInfo() + "; Java " + System.getProperty("java.version"));
        return;
      case "sleep": // test hook: a request that does not answer in time
        Thread.sleep(((Number) req.get("ms")).longValue());
        content = null;
        break;
      case "halt": // test hook: the JVM dies in the middle of a request
        Runtime.getRuntime().halt(3);
        return;
      case "verify": content = verify(req); break;
      case "certs": content = certsOnly(req); break;
      case "decrypt": content = decrypt(req); break;
      case "digest": content = digest(req); break;
      case "uncompress": content = uncompress(req); break;
      case "encrypted-data": content = encryptedData(req); break;
      case "data": content = data(req); break;
      case "produce": content = produce(req); break;
      default: throw new HarnessError("unknown op " + op);
    }
    answer.put("status", "accept");
    answer.put("content", content == null ? null : Base64.getEncoder().encodeToString(content));
  }

  // ------------------------------------------------------------------------------------------
  // inputs (failures here are harness errors)

  static byte[] b64(Map<String, Object> req, String key) throws HarnessError {
    Object v = req.get(key);
    if (v == null) return null;
    try {
      return Base64.getDecoder().decode((String) v);
    } catch (RuntimeException e) {
      throw new HarnessError("bad base64 in " + key);
    }
  }

  static X509CertificateHolder loadCert(String path) throws HarnessError {
    try (Reader r = new FileReader(path, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (o instanceof X509CertificateHolder) return (X509CertificateHolder) o;
      throw new HarnessError("no certificate in " + path);
    } catch (HarnessError e) {
      throw e;
    } catch (Exception e) {
      throw new HarnessError("cannot read certificate " + path + ": " + describe(e));
    }
  }

  static List<X509CertificateHolder> loadCerts(Map<String, Object> req, String key) throws HarnessError {
    List<X509CertificateHolder> list = new ArrayList<>();
    for (String path : Json.strings(req, key)) list.add(loadCert(path));
    return list;
  }

  static PrivateKey loadKey(String path) throws HarnessError {
    try (Reader r = new FileReader(path, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter c = new JcaPEMKeyConverter().setProvider(BC);
      if (o instanceof PrivateKeyInfo) return c.getPrivateKey((PrivateKeyInfo) o);
      if (o instanceof PEMKeyPair) return c.getKeyPair((PEMKeyPair) o).getPrivate();
      throw new HarnessError("no private key in " + path);
    } catch (HarnessError e) {
      throw e;
    } catch (Exception e) {
      throw new HarnessError("cannot read private key " + path + ": " + describe(e));
    }
  }

  static X509Certificate x509(X509CertificateHolder h) throws Exception {
    return new JcaX509CertificateConverter().setProvider(BC).getCertificate(h);
  }

  static Date time(Map<String, Object> req) throws HarnessError {
    try {
      return Date.from(Instant.parse(Json.str(req, "time")));
    } catch (RuntimeException e) {
      throw new HarnessError("bad time");
    }
  }

  static Set<TrustAnchor> anchors(Map<String, Object> req) throws HarnessError {
    Set<TrustAnchor> set = new HashSet<>();
    for (X509CertificateHolder h : loadCerts(req, "trust")) {
      try {
        set.add(new TrustAnchor(x509(h), null));
      } catch (Exception e) {
        throw new HarnessError("trust anchor: " + describe(e));
      }
    }
    if (set.isEmpty()) throw new HarnessError("no trust anchors");
    return set;
  }

  static DigestCalculatorProvider digests() throws Exception {
    return new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
  }

  /** How the CMS classes themselves read a ContentInfo (CMSUtils.readContentInfo): one object. */
  static ContentInfo contentInfo(byte[] bytes) throws Exception {
    try (ASN1InputStream in = new ASN1InputStream(bytes)) {
      ASN1Primitive p = in.readObject();
      if (p == null) throw new Reject("no ASN.1 object");
      return ContentInfo.getInstance(p);
    }
  }

  // ------------------------------------------------------------------------------------------
  // SignedData

  static final class Verification {
    final List<X509CertificateHolder> pool = new ArrayList<>();
    Set<TrustAnchor> anchors;
    Date time;
  }

  static Verification verification(Map<String, Object> req) throws HarnessError {
    Verification v = new Verification();
    v.pool.addAll(loadCerts(req, "certs"));
    v.anchors = anchors(req);
    v.time = time(req);
    return v;
  }

  static CMSSignedData verifiedSignedData(byte[] cms, byte[] detached, Verification v) throws Exception {
    CMSSignedData sd = detached != null ? new CMSSignedData(new CMSProcessableByteArray(detached), cms) : new CMSSignedData(cms);
    Store<X509CertificateHolder> store = sd.getCertificates();
    List<X509CertificateHolder> pool = new ArrayList<>(store.getMatches(null));
    pool.addAll(v.pool);
    Collection<SignerInformation> signers = sd.getSignerInfos().getSigners();
    if (signers.isEmpty()) throw new Reject("SignedData has no SignerInfo");
    int n = 0;
    for (SignerInformation si : signers) verifySigner(si, pool, v, "signer " + n++);
    return sd;
  }

  static void verifySigner(SignerInformation si, List<X509CertificateHolder> pool, Verification v, String who) throws Exception {
    X509CertificateHolder cert = null;
    for (X509CertificateHolder c : pool) {
      if (si.getSID().match(c)) { cert = c; break; }
    }
    if (cert == null) throw new Reject(who + ": no certificate matches the signer identifier");
    // JcaSimpleSignerInfoVerifierBuilder also refuses a certificate not valid at a signing-time
    // attribute's time.
    if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert))) {
      throw new Reject(who + ": signature does not verify");
    }
    validatePath(cert, pool, v, who);
    int n = 0;
    for (SignerInformation cs : si.getCounterSignatures().getSigners()) verifySigner(cs, pool, v, who + " countersignature " + n++);
  }

  /** Bouncy Castle's PKIX CertPathBuilder at the manifest's validation time, no revocation. */
  static void validatePath(X509CertificateHolder cert, List<X509CertificateHolder> pool, Verification v, String who) throws Exception {
    List<X509Certificate> all = new ArrayList<>();
    for (X509CertificateHolder h : pool) all.add(x509(h));
    X509Certificate target = x509(cert);
    for (TrustAnchor a : v.anchors) if (a.getTrustedCert().equals(target)) return;
    X509CertSelector sel = new X509CertSelector();
    sel.setCertificate(target);
    PKIXBuilderParameters p = new PKIXBuilderParameters(v.anchors, sel);
    p.setRevocationEnabled(false);
    p.setDate(v.time);
    p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all), BC));
    try {
      CertPathBuilder.getInstance("PKIX", BC).build(p);
    } catch (Exception e) {
      throw new Reject(who + ": certificate path: " + describe(e));
    }
  }

  static byte[] verify(Map<String, Object> req) throws Exception {
    byte[] cms = b64(req, "cms");
    byte[] detached = b64(req, "content");
    Verification v = verification(req);
    CMSSignedData sd = verifiedSignedData(cms, detached, v);
    if (detached != null) return detached;
    if (sd.getSignedContent() == null) throw new Reject("detached signature and no content supplied");
    return (byte[]) sd.getSignedContent().getContent();
  }

  static byte[] certsOnly(Map<String, Object> req) throws Exception {
    CMSSignedData sd = new CMSSignedData(b64(req, "cms"));
    if (sd.getCertificates().getMatches(null).isEmpty() && sd.getCRLs().getMatches(null).isEmpty()) {
      throw new Reject("certs-only SignedData without certificates or CRLs");
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------
  // EnvelopedData, AuthEnvelopedData, AuthenticatedData

  static String kekAlgorithm(String oid) {
    if (oid.startsWith("2.16.840.1.101.3.4.1.")) return "AES";
    if (oid.equals("1.2.840.113549.1.9.16.3.6")) return "DESede";
    if (oid.equals("1.2.840.113549.1.9.16.3.7")) return "RC2";
    return "AES";
  }

  static byte[] decrypt(Map<String, Object> req) throws Exception {
    byte[] cms = b64(req, "cms");
    X509CertificateHolder cert = req.get("recipientCert") == null ? null : loadCert(Json.str(req, "recipientCert"));
    PrivateKey key = req.get("recipientKey") == null ? null : loadKey(Json.str(req, "recipientKey"));
    byte[] kekId = b64(req, "kekId");
    byte[] kek = b64(req, "kek");
    String password = (String) req.get("password");

    ASN1ObjectIdentifier type = contentInfo(cms).getContentType();
    RecipientInformationStore store;
    CMSAuthenticatedData ad = null;
    String kind;
    if (CMSObjectIdentifiers.envelopedData.equals(type)) {
      store = new CMSEnvelopedData(cms).getRecipientInfos();
      kind = "enveloped";
    } else if (CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
      store = new CMSAuthEnvelopedData(cms).getRecipientInfos();
      kind = "authEnveloped";
    } else if (CMSObjectIdentifiers.authenticatedData.equals(type)) {
      ad = new CMSAuthenticatedData(cms, digests());
      store = ad.getRecipientInfos();
      kind = "authenticated";
    } else {
      throw new Reject("content type " + type + " is not EnvelopedData, AuthEnvelopedData or AuthenticatedData");
    }

    RecipientInformation chosen = null;
    Recipient recipient = null;
    for (RecipientInformation ri : store.getRecipients()) {
      if (cert != null && key != null && ri.getRID().match(cert)) {
        if (ri instanceof KeyTransRecipientInformation) {
          if (kind.equals("enveloped")) recipient = new JceKeyTransEnvelopedRecipient(key).setProvider(BC);
          else if (kind.equals("authEnveloped")) recipient = new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BC);
          else recipient = new JceKeyTransAuthenticatedRecipient(key).setProvider(BC);
        } else if (ri instanceof KeyAgreeRecipientInformation) {
          if (kind.equals("enveloped")) recipient = new JceKeyAgreeEnvelopedRecipient(key).setProvider(BC);
          else if (kind.equals("authenticated")) recipient = new JceKeyAgreeAuthenticatedRecipient(key).setProvider(BC);
          else throw new Unsupported("Bouncy Castle 1.72 has no key agreement recipient for AuthEnvelopedData");
        } else if (ri.getClass().getName().equals("org.bouncycastle.cms.KEMRecipientInformation")) {
          recipient = kemRecipient(kind, key);
        } else {
          continue;
        }
        chosen = ri;
        break;
      }
    }
    if (chosen == null && kek != null && kekId != null) {
      for (RecipientInformation ri : store.getRecipients()) {
        if (ri instanceof KEKRecipientInformation && Arrays.areEqual(((KEKRecipientId) ri.getRID()).getKeyIdentifier(), kekId)) {
          SecretKeySpec k = new SecretKeySpec(kek, kekAlgorithm(ri.getKeyEncryptionAlgOID()));
          if (kind.equals("enveloped")) recipient = new JceKEKEnvelopedRecipient(k).setProvider(BC);
          else if (kind.equals("authenticated")) recipient = new JceKEKAuthenticatedRecipient(k).setProvider(BC);
          else throw new Unsupported("Bouncy Castle 1.72 has no KEK recipient for AuthEnvelopedData");
          chosen = ri;
          break;
        }
      }
    }
    if (chosen == null && password != null) {
      for (RecipientInformation ri : store.getRecipients()) {
        if (ri instanceof PasswordRecipientInformation) {
          char[] pw = password.toCharArray();
          if (kind.equals("enveloped")) recipient = new JcePasswordEnvelopedRecipient(pw).setProvider(BC);
          else if (kind.equals("authenticated")) recipient = new JcePasswordAuthenticatedRecipient(pw).setProvider(BC);
          else throw new Unsupported("Bouncy Castle 1.72 has no password recipient for AuthEnvelopedData");
          chosen = ri;
          break;
        }
      }
    }
    if (chosen == null) throw new Reject("no RecipientInfo matches the given recipient, KEK or password");
    byte[] content = chosen.getContent(recipient);
    if (ad != null) {
      if (!Arrays.constantTimeAreEqual(ad.getMac(), chosen.getMac())) throw new Reject("AuthenticatedData MAC does not match");
      AttributeTable auth = ad.getAuthAttrs();
      if (auth != null) {
        Attribute md = auth.get(CMSAttributes.messageDigest);
        if (md == null) throw new Reject("authAttrs without message-digest");
        // Bouncy Castle's own pattern: CMSAuthenticatedData.getContentDigest() is the message-digest
        // attribute's value (1.86 also checks the attributes there), and
        // RecipientInformation.getContentDigest() the digest computed while the content was read.
        // (Comparing the attribute with getContentDigest(), as this adapter once did, compared the
        // attribute with itself.)
        byte[] claimed = ad.getContentDigest();
        byte[] computed = chosen.getContentDigest();
        if (claimed == null || computed == null) throw new Reject("AuthenticatedData: no message-digest or no digest of the content");
        if (!Arrays.constantTimeAreEqual(claimed, computed)) throw new Reject("AuthenticatedData message-digest does not match the content");
      }
    }
    return content;
  }

  // ------------------------------------------------------------------------------------------
  // the other content types

  /**
   * KEMRecipientInfo (RFC 9629), Bouncy Castle 1.79 and later: looked up by name, so this file
   * still compiles against 1.72, which has no KEM recipient classes.
   */
  static Recipient kemRecipient(String kind, PrivateKey key) throws Exception {
    String name = kind.equals("enveloped") ? "org.bouncycastle.cms.jcajce.JceKEMEnvelopedRecipient"
        : kind.equals("authEnveloped") ? "org.bouncycastle.cms.jcajce.JceKEMAuthEnvelopedRecipient" : null;
    if (name == null) throw new Unsupported("no Bouncy Castle KEM recipient for " + kind);
    Class<?> c;
    try {
      c = Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new Unsupported("this Bouncy Castle has no " + name + " (KEMRecipientInfo, RFC 9629)");
    }
    Object r = c.getConstructor(PrivateKey.class).newInstance(key);
    r = c.getMethod("setProvider", String.class).invoke(r, BC);
    return (Recipient) r;
  }

  static byte[] digest(Map<String, Object> req) throws Exception {
    CMSDigestedData dd = new CMSDigestedData(b64(req, "cms"));
    if (!dd.verify(digests())) throw new Reject("DigestedData digest does not match the content");
    return (byte[]) dd.getDigestedContent().getContent();
  }

  static byte[] uncompress(Map<String, Object> req) throws Exception {
    return new CMSCompressedData(b64(req, "cms")).getContent(new ZlibExpanderProvider());
  }

  static byte[] encryptedData(Map<String, Object> req) throws Exception {
    byte[] key = b64(req, "kek");
    if (key == null) throw new HarnessError("no key for EncryptedData");
    CMSEncryptedData ed = new CMSEncryptedData(contentInfo(b64(req, "cms")));
    return ed.getContent(new JceInputDecryptorProviderBuilder().setProvider(BC).build(key));
  }

  static byte[] data(Map<String, Object> req) throws Exception {
    ContentInfo ci = contentInfo(b64(req, "cms"));
    if (!CMSObjectIdentifiers.data.equals(ci.getContentType())) throw new Reject("content type is not id-data");
    return ASN1OctetString.getInstance(ci.getContent()).getOctets();
  }

  // ------------------------------------------------------------------------------------------
  // producing

  static String signatureAlgorithm(PrivateKey k) throws Unsupported {
    switch (k.getAlgorithm()) {
      case "RSA": return "SHA256withRSA";
      case "EC": case "ECDSA": return "SHA256withECDSA";
      case "DSA": return "SHA256withDSA";
      case "Ed25519": return "Ed25519";
      case "Ed448": return "Ed448";
      default:
        // Bouncy Castle 1.79+: pure ML-DSA (RFC 9882) and SLH-DSA (RFC 9814) keys name their parameter set.
        if (k.getAlgorithm().startsWith("ML-DSA")) return "ML-DSA";
        if (k.getAlgorithm().startsWith("SLH-DSA")) return "SLH-DSA";
        throw new Unsupported("no signature algorithm for " + k.getAlgorithm() + " keys");
    }
  }

  static byte[] der(ContentInfo ci) throws Exception {
    return ci.getEncoded(ASN1Encoding.DER);
  }

  static byte[] produce(Map<String, Object> req) throws Exception {
    String feature = Json.str(req, "feature");
    byte[] content = b64(req, "content");
    CMSTypedData typed = new CMSProcessableByteArray(content);
    switch (feature) {
      case "signed-data/attached":
      case "signed-data/detached":
      case "signed-data/ecdsa":
      case "signed-data/ml-dsa": {
        X509CertificateHolder cert = loadCert(Json.str(req, "signerCert"));
        PrivateKey key = loadKey(Json.str(req, "signerKey"));
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        g.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC).build(signatureAlgorithm(key), key, x509(cert)));
        g.addCertificate(cert);
        return der(g.generate(typed, !feature.equals("signed-data/detached")).toASN1Structure());
      }
      case "enveloped-data/ktri": {
        CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
        g.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(x509(loadCert(Json.str(req, "recipientCert")))).setProvider(BC));
        return der(g.generate(typed, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build()).toASN1Structure());
      }
      case "enveloped-data/kari": {
        X509Certificate rc = x509(loadCert(Json.str(req, "recipientCert")));
        if (!(rc.getPublicKey() instanceof ECPublicKey)) throw new HarnessError("kari recipient is not an EC key");
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", BC);
        kpg.initialize(((ECPublicKey) rc.getPublicKey()).getParams(), new SecureRandom());
        KeyPair eph = kpg.generateKeyPair();
        CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
        g.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, eph.getPrivate(), eph.getPublic(), CMSAlgorithm.AES128_WRAP)
            .addRecipient(rc).setProvider(BC));
        return der(g.generate(typed, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build()).toASN1Structure());
      }
      case "enveloped-data/kemri": {
        // RFC 9629 KEMRecipientInfo with HKDF-SHA256 and AES-256 wrap (RFC 9936 2.1 for ML-KEM-768),
        // looked up by name so this file still compiles against Bouncy Castle 1.72.
        Class<?> c;
        try {
          c = Class.forName("org.bouncycastle.cms.jcajce.JceKEMRecipientInfoGenerator");
        } catch (ClassNotFoundException e) {
          throw new Unsupported("this Bouncy Castle has no JceKEMRecipientInfoGenerator (KEMRecipientInfo, RFC 9629)");
        }
        Object gen = c.getConstructor(X509Certificate.class, org.bouncycastle.asn1.ASN1ObjectIdentifier.class)
            .newInstance(x509(loadCert(Json.str(req, "recipientCert"))), CMSAlgorithm.AES256_WRAP);
        gen = c.getMethod("setProvider", String.class).invoke(gen, BC);
        CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
        g.addRecipientInfoGenerator((org.bouncycastle.cms.RecipientInfoGenerator) gen);
        return der(g.generate(typed, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build()).toASN1Structure());
      }
      case "enveloped-data/kekri": {
        CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
        g.addRecipientInfoGenerator(new JceKEKRecipientInfoGenerator(b64(req, "kekId"), new SecretKeySpec(b64(req, "kek"), "AES")).setProvider(BC));
        return der(g.generate(typed, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build()).toASN1Structure());
      }
      case "enveloped-data/pwri": {
        CMSEnvelopedDataGenerator g = new CMSEnvelopedDataGenerator();
        g.addRecipientInfoGenerator(new JcePasswordRecipientInfoGenerator(CMSAlgorithm.AES128_CBC, Json.str(req, "password").toCharArray())
            .setProvider(BC).setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8));
        return der(g.generate(typed, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build()).toASN1Structure());
      }
      case "auth-enveloped-data/gcm": {
        CMSAuthEnvelopedDataGenerator g = new CMSAuthEnvelopedDataGenerator();
        g.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(x509(loadCert(Json.str(req, "recipientCert")))).setProvider(BC));
        OutputEncryptor enc = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_GCM).setProvider(BC).build();
        return der(g.generate(typed, (OutputAEADEncryptor) enc).toASN1Structure());
      }
      case "authenticated-data": {
        CMSAuthenticatedDataGenerator g = new CMSAuthenticatedDataGenerator();
        g.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(x509(loadCert(Json.str(req, "recipientCert")))).setProvider(BC));
        DigestCalculator dc = digests().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        return der(g.generate(typed, new JceCMSMacCalculatorBuilder(PKCSObjectIdentifiers.id_hmacWithSHA256).setProvider(BC).build(), dc).toASN1Structure());
      }
      case "digested-data": {
        // Bouncy Castle has CMSDigestedData but no generator: its ASN.1 DigestedData class and
        // digest calculator make the message.
        AlgorithmIdentifier alg = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        DigestCalculator dc = digests().get(alg);
        try (OutputStream os = dc.getOutputStream()) {
          os.write(content);
        }
        DigestedData dd = new DigestedData(alg, new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(content)), dc.getDigest());
        return der(new ContentInfo(CMSObjectIdentifiers.digestedData, dd));
      }
      case "encrypted-data":
        return der(new CMSEncryptedDataGenerator().generate(typed, new FixedKeyEncryptor(b64(req, "kek"))).toASN1Structure());
      case "compressed-data":
        return der(new CMSCompressedDataGenerator().generate(typed, new ZlibCompressor()).toASN1Structure());
      default:
        throw new Unsupported("the Bouncy Castle adapter does not produce " + feature);
    }
  }

  /**
   * AES-CBC with a given key (Bouncy Castle's JceCMSContentEncryptorBuilder always draws a random
   * key, but an EncryptedData key is agreed out of band): the BC provider's cipher, a random IV.
   */
  static final class FixedKeyEncryptor implements OutputEncryptor {
    private final AlgorithmIdentifier alg;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    FixedKeyEncryptor(byte[] key) throws HarnessError {
      ASN1ObjectIdentifier oid;
      switch (key == null ? 0 : key.length) {
        case 16: oid = CMSAlgorithm.AES128_CBC; break;
        case 24: oid = CMSAlgorithm.AES192_CBC; break;
        case 32: oid = CMSAlgorithm.AES256_CBC; break;
        default: throw new HarnessError("EncryptedData key must be 16, 24 or 32 bytes");
      }
      byte[] ivBytes = new byte[16];
      new SecureRandom().nextBytes(ivBytes);
      this.alg = new AlgorithmIdentifier(oid, new DEROctetString(ivBytes));
      this.key = new SecretKeySpec(key, "AES");
      this.iv = new IvParameterSpec(ivBytes);
    }

    public AlgorithmIdentifier getAlgorithmIdentifier() { return alg; }

    public OutputStream getOutputStream(OutputStream out) {
      try {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding", BC);
        c.init(Cipher.ENCRYPT_MODE, key, iv);
        return new CipherOutputStream(out, c);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public GenericKey getKey() { return new GenericKey(alg, key.getEncoded()); }
  }

  // ------------------------------------------------------------------------------------------
  // a minimal JSON reader and writer (objects, arrays, strings, numbers, true/false/null)

  static final class Json {
    private final String s;
    private int i;

    private Json(String s) { this.s = s; }

    static Object parse(String text) throws HarnessError {
      Json j = new Json(text);
      Object v = j.value();
      j.ws();
      if (j.i != text.length()) throw new HarnessError("trailing characters in request");
      return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o) throws HarnessError {
      if (!(o instanceof Map)) throw new HarnessError("request is not a JSON object");
      return (Map<String, Object>) o;
    }

    static String str(Map<String, Object> m, String k) throws HarnessError {
      Object v = m.get(k);
      if (!(v instanceof String)) throw new HarnessError("missing string " + k);
      return (String) v;
    }

    static List<String> strings(Map<String, Object> m, String k) throws HarnessError {
      Object v = m.get(k);
      List<String> out = new ArrayList<>();
      if (v == null) return out;
      if (!(v instanceof List)) throw new HarnessError(k + " is not an array");
      for (Object o : (List<?>) v) {
        if (!(o instanceof String)) throw new HarnessError(k + " holds a non-string");
        out.add((String) o);
      }
      return out;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private Object value() throws HarnessError {
      ws();
      if (i >= s.length()) throw new HarnessError("unexpected end of request");
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(i) == '}') { i++; return m; }
        while (true) {
          ws();
          String k = string();
          ws();
          expect(':');
          m.put(k, value());
          ws();
          if (s.charAt(i) == ',') { i++; continue; }
          expect('}');
          return m;
        }
      }
      if (c == '[') {
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(i) == ']') { i++; return l; }
        while (true) {
          l.add(value());
          ws();
          if (s.charAt(i) == ',') { i++; continue; }
          expect(']');
          return l;
        }
      }
      if (c == '"') return string();
      if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
      if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
      if (s.startsWith("null", i)) { i += 4; return null; }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      if (start == i) throw new HarnessError("bad JSON at " + i);
      return new BigInteger(s.substring(start, i).split("[.eE]")[0]).longValue();
    }

    private void expect(char c) throws HarnessError {
      if (i >= s.length() || s.charAt(i) != c) throw new HarnessError("expected '" + c + "' at " + i);
      i++;
    }

    private String string() throws HarnessError {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) throw new HarnessError("unterminated string");
        char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c != '\\') { b.append(c); continue; }
        char e = s.charAt(i++);
        switch (e) {
          case 'n': b.append('\n'); break;
          case 'r': b.append('\r'); break;
          case 't': b.append('\t'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: b.append(e);
        }
      }
    }

    static String write(Object o) {
      if (o == null) return "null";
      if (o instanceof String) return quote((String) o);
      if (o instanceof Number || o instanceof Boolean) return o.toString();
      if (o instanceof Map) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
          if (b.length() > 1) b.append(',');
          b.append(quote(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
        }
        return b.append('}').toString();
      }
      return quote(String.valueOf(o));
    }

    static String quote(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') b.append('\\').append(c);
        else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
        else b.append(c);
      }
      return b.append('"').toString();
    }
  }
}
