import os
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """Writes each file under a temporary name in its folder and renames it into place.

    A write that fails half way (a full disk) leaves no partial file behind, and a
    reader never sees a file that is still being written.
    """

    def _save(self, name, content):
        full_path = Path(self.path(name))
        full_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_path = tempfile.mkstemp(dir=full_path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    tmp.write(chunk)
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, full_path)
        except BaseException:
            Path(tmp_path).unlink(missing_ok=True)
            raise
        return str(name).replace("\\", "/")
