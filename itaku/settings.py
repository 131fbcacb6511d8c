"""Settings for itaku, read from the environment by the typed helpers in ``itaku.env``.

``ITAKU_ENV`` is ``development`` (the default: SQLite under ``var/``, demo-friendly) or
``production``, in which every secret must come from the environment and a missing or weak one
stops start-up.
"""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from pathlib import Path

import dj_database_url

from itaku.env import ImproperSetting, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

ITAKU_ENV = env_str("ITAKU_ENV", "development")
if ITAKU_ENV not in {"development", "production"}:
    raise ImproperSetting(f"ITAKU_ENV は development か production です(値: {ITAKU_ENV!r})。")
PRODUCTION = ITAKU_ENV == "production"

# Users see the Japanese error pages (templates/400, 403, 404, 500) in every mode, `make run`
# included. Django's debug pages (English, with settings and the URL list) only for a developer
# who asks for them with ITAKU_DEBUG_PAGES=1; never in production.
DEBUG = env_bool("ITAKU_DEBUG_PAGES", default=False)
if PRODUCTION and DEBUG:
    raise ImproperSetting(
        "本番環境 (ITAKU_ENV=production) では ITAKU_DEBUG_PAGES を有効にできません。"
    )

_DEV_SECRET = "development-only-secret-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperSetting("SECRET_KEY は 50 文字以上のランダムな値にしてください。")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperSetting("環境変数 ALLOWED_HOSTS が設定されていません(例: itaku.city.example)。")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])


def _key(name: str, raw: str) -> bytes:
    try:
        key = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise ImproperSetting(f"{name} は base64 で書いた 32 バイトの鍵です。") from None
    if len(key) != 32:
        raise ImproperSetting(f"{name} は base64 で書いた 32 バイトの鍵です。")
    return key


def _master_key() -> bytes | None:
    """The key that wraps each contract's data key (PI-6). Never stored in the database."""
    raw = env_str("ITAKU_MASTER_KEY", "")
    key_file = env_str("ITAKU_MASTER_KEY_FILE", "")
    if not raw and key_file:
        try:
            raw = Path(key_file).read_text(encoding="ascii").strip()
        except OSError as exc:
            raise ImproperSetting(f"ITAKU_MASTER_KEY_FILE を読めません: {exc}") from None
    if not raw:
        if PRODUCTION:
            raise ImproperSetting(
                "ITAKU_MASTER_KEY(または ITAKU_MASTER_KEY_FILE)が設定されていません。"
            )
        return None
    return _key("ITAKU_MASTER_KEY", raw)


ITAKU_MASTER_KEY = _master_key()
# While rotating: the earlier master keys, still accepted for reading until `rotate_master_key`
# has wrapped every data key under the new one (then remove them).
ITAKU_MASTER_KEY_PREVIOUS = [
    _key("ITAKU_MASTER_KEY_PREVIOUS", raw) for raw in env_list("ITAKU_MASTER_KEY_PREVIOUS", [])
]
# The contracts' data keys, wrapped: outside the database, so a destroyed key stays destroyed in
# every database backup (docs/decisions/0003-keys-outside-the-database.md).
ITAKU_KEYSTORE_DIR = Path(
    env_str("ITAKU_KEYSTORE_DIR", None if PRODUCTION else str(VAR_DIR / "keystore"))
)
# Encrypted attachments and export files (their contents are sealed under the contract's key).
ITAKU_FILES_DIR = Path(env_str("ITAKU_FILES_DIR", None if PRODUCTION else str(VAR_DIR / "files")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "itaku.core",
    "itaku.audit",
    "itaku.privacy",
    "itaku.jobs",
    "itaku.leaks",
    "itaku.support_office",
    "itaku.ichou",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "itaku.audit.context.RequestContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "itaku.core.middleware.NoStoreMiddleware",
    "itaku.core.middleware.AbsoluteSessionTimeoutMiddleware",
    "itaku.core.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Background work (itaku.jobs): Django's task interface with the database backend, so the queue
# is a table of the same database and no other server is needed; `manage.py db_worker` runs it
# (`make run` starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

ROOT_URLCONF = "itaku.urls"
WSGI_APPLICATION = "itaku.wsgi.application"

# A service app keeps each part's templates beside the part (itaku/<app>/<part>/templates).
PART_TEMPLATES = sorted(BASE_DIR.glob("itaku/*/*/templates"))
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # An app made of parts (the support office) keeps each part's templates beside it.
        "DIRS": [BASE_DIR / "templates", *PART_TEMPLATES],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = "" if PRODUCTION else f"sqlite:///{VAR_DIR / 'itaku.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db or None)
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as exc:
    raise ImproperSetting(f"DATABASE_URL を解釈できません: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout after 5 failed logins per username and address together, not per address alone: the
# ward's offices reach the system through one address (ASVS V6). Released after 15 minutes, or
# by an administrator (`manage.py axes_reset_username <username>` or the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# PI-11 … PI-16: a My Number typed as a username is not kept in axes' tables.
AXES_USERNAME_CALLABLE = "itaku.audit.receivers.axes_username"
# Behind the ward's proxy the client address is the last one it adds to X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# TOTP codes: the issuer shown in the authenticator app; a used code cannot be used again
# (django-otp keeps the last time step), and wrong codes slow down further tries.
OTP_TOTP_ISSUER = "港区 委託業務運営システム"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# IC-27: how the quarter share of the overnight trip and the bus hike is brought to whole yen
# ("down" 切り捨て, "half_up" 四捨五入, "up" 切り上げ); a cost sheet starts with it.
ICHOU_SHARE_ROUNDING = env_str("ICHOU_SHARE_ROUNDING", "down")
if ICHOU_SHARE_ROUNDING not in ("down", "half_up", "up"):
    raise ImproperSetting("ICHOU_SHARE_ROUNDING must be down, half_up or up")

STATIC_URL = "static/"
# Production serves collected, hashed files (collectstatic); development serves them from the
# source folders through WhiteNoise's finders, so no collect step is needed to run or test, and
# `runserver` (which serves nothing itself while DEBUG is off) shows an edited file at once.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static"))) if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Sessions and cookies: server-side sessions, so ending a roster entry or an account takes effect
# on the next request (PI-2). Idle timeout by a rolling expiry.
SESSION_ENGINE = "itaku.core.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# However active, a session ends 12 hours after login (AbsoluteSessionTimeoutMiddleware).
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: everything from our own origin, no inline script or style, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "itaku@localhost")
# The address of the site, for the link in notification e-mails (which carry nothing else).
ITAKU_BASE_URL = env_str("ITAKU_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Logs carry no personal data: request paths hold only ids, never names (see docs/decisions).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each step of a PDF and the full address of every resource it refuses; the
    # steps are noise and an address could one day hold something of a record.
    "loggers": {"weasyprint": {"level": "CRITICAL"}, "weasyprint.progress": {"level": "WARNING"}},
}
