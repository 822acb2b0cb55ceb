#!/usr/bin/env bash
# Records a release's contracts, once its annotated tag exists:
#   git tag -a v0.13.0 -m "Release 0.13.0" <commit>
#   bash scripts/record-release.sh 0.13.0
# copies each contract's schema and sample as the tagged commit has them into
# shared/Contracts/schemas/releases/0.13.0/ and writes release.json naming the tag and its commit.
# The newest release recorded there is what the compatibility check, the wire tests and the
# mixed-version end-to-end test compare this tree against. Commit the folder afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-}
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "usage: bash scripts/record-release.sh MAJOR.MINOR.PATCH (the tag vMAJOR.MINOR.PATCH must exist)" >&2
  exit 2
fi
tag="v$version"
if [ "$(git cat-file -t "refs/tags/$tag" 2>/dev/null)" != "tag" ]; then
  echo "no annotated tag $tag: create it on the release's commit first (git tag -a $tag -m \"Release $version\" <commit>)" >&2
  exit 1
fi
commit=$(git rev-parse "$tag^{commit}")
schemas=shared/Contracts/schemas
target="$schemas/releases/$version"
if [ -e "$target" ]; then
  echo "$target exists: a release is recorded once" >&2
  exit 1
fi

files=$(git ls-tree --name-only "$commit" "$schemas/" | grep -E '\.(schema|sample)\.json$' || true)
if [ -z "$files" ]; then
  echo "$tag has no contract schemas under $schemas/" >&2
  exit 1
fi

mkdir -p "$target"
for file in $files; do
  git show "$commit:$file" > "$target/$(basename "$file")"
done
cat > "$target/release.json" <<JSON
{
  "version": "$version",
  "tag": "$tag",
  "commit": "$commit"
}
JSON
echo "recorded $(echo "$files" | wc -l) files of $tag ($commit) in $target"
