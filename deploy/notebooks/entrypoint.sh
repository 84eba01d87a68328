#!/bin/sh
# Entrypoint of the notebooks image. The repository is mounted at /course from the host, and
# what the course writes there (saved notebooks, datasets/build/) must belong to whoever owns
# the checkout, not to a user of the image. So the container starts as root only to become the
# owner of /course (its uid and gid), then runs the command. A checkout owned by root stays root.
set -eu
owner="$(stat -c %u /course)"
if [ "$(id -u)" = 0 ] && [ "$owner" != 0 ]; then
  exec setpriv --reuid="$owner" --regid="$(stat -c %g /course)" --clear-groups -- "$@"
fi
exec "$@"
