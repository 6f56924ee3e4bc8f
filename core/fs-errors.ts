/**
 * File errors in words a user reads ("no such file or directory", "is a directory") instead of
 * errno strings with a syscall prefix; the caller puts the path in front.
 */
const firstLine = (s: string): string => s.split('\n')[0]!.trim();

/** "no such file", "permission denied": what a user reads, without the errno prefix. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a component of the path is not a directory';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'ENAMETOOLONG': return 'file name too long';
    case 'EROFS': return 'read-only file system';
    case 'ENOSPC': return 'no space left on device';
    default: return err.code ? `${err.code} (${firstLine(err.message)})` : firstLine(String(err.message ?? e));
  }
}
