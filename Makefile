# Two commands for a new user: `make run` serves the site with the real data
# loaded; `make test` runs the test suite. Both set up .venv first.

# Django 6.1 needs Python 3.12 or newer. Use $PYTHON if given, else the newest
# suitable interpreter on PATH or under pyenv.
PYTHON ?= $(shell bin/find-python)
VENV := .venv
VPY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test check clean

# The venv is rebuilt whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Depositary needs Python 3.12 or newer; set PYTHON=/path/to/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: export DEBUG ?= 1
run: install
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py load_reference_data
	$(VPY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VPY) manage.py makemigrations --check --dry-run
	$(VPY) -m pytest $(PYTEST_ARGS)

check: install
	$(VPY) -m ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
