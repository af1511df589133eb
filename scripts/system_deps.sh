#!/usr/bin/env bash
# Debian/Ubuntu packages the project needs besides Python and PostgreSQL:
#   libpq-dev, libldap2-dev, libsasl2-dev  build psycopg2 and python-ldap from source
#   chromium                                 runs Odoo's browser tours (HttpCase)
#   wkhtmltopdf, fonts-noto-cjk              render PDF reports, in Chinese
#   nodejs (node and npm)                    the XML format check of make lint
# Installs the missing ones (needs root or sudo); prints nothing to do otherwise.
set -euo pipefail
PACKAGES=(libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf fonts-noto-cjk)
missing=()
# NodeSource's nodejs package brings npm; Debian's splits it into the npm package.
command -v npm >/dev/null || PACKAGES+=(nodejs npm)
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0
command -v apt-get >/dev/null || {
    echo "ERROR: install these packages with your system's package manager: ${missing[*]}" >&2
    exit 1
}
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
echo "==> Installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
