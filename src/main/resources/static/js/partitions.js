// Auto-refresh of the partitions pages: every few seconds (data-refresh, default 5) fetch the JSON the page was
// rendered from and put the new values and chart points in place. Without this script the page is complete and
// its Refresh link reloads it. A Pause button stops the polling.
(function () {
  'use strict';
  const page = document.getElementById('partitions-page');
  if (!page || !window.fetch) {
    return;
  }
  const api = page.getAttribute('data-api');
  const seconds = parseInt(page.getAttribute('data-refresh'), 10) || 5;
  const wideChart = page.getAttribute('data-wide-chart');
  let paused = false;
  let timer = null;

  const controls = page.querySelector('.refresh-controls');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Pause auto-refresh';
  button.addEventListener('click', function () {
    paused = !paused;
    button.textContent = paused ? 'Resume auto-refresh' : 'Pause auto-refresh';
    if (!paused) {
      refresh();
    }
  });
  if (controls) {
    controls.appendChild(button);
  }

  function text(value, decimals) {
    if (value === null || value === undefined) {
      return '–';
    }
    if (Array.isArray(value)) {
      return value.join(',');
    }
    return decimals ? Number(value).toFixed(decimals) : String(value);
  }

  const decimalFields = { lagSeconds: 1, topicLagSeconds: 1, samplesPerSecond: 1, recordsInPerSecond: 1,
    recordsOutPerSecond: 1, bytesInPerSecond: 1, bytesOutPerSecond: 1 };

  function setField(scope, field, value) {
    const cells = scope.querySelectorAll('[data-field="' + field + '"]');
    for (let i = 0; i < cells.length; i++) {
      if (field === 'leader') {
        cells[i].textContent = value < 0 ? 'none' : String(value);
      } else if (field === 'lastError') {
        cells[i].textContent = value || '';
      } else {
        cells[i].textContent = text(value, decimalFields[field]);
      }
    }
  }

  function setChart(key, chart) {
    if (!chart) {
      return;
    }
    const lines = page.querySelectorAll('polyline[data-chart="' + key + '"]');
    for (let i = 0; i < lines.length; i++) {
      lines[i].setAttribute('points', chart.points);
    }
    const max = page.querySelectorAll('[data-chart-max="' + key + '"]');
    for (let j = 0; j < max.length; j++) {
      max[j].textContent = String(chart.maxLag);
    }
    const latest = page.querySelectorAll('[data-chart-latest="' + key + '"]');
    for (let k = 0; k < latest.length; k++) {
      latest[k].textContent = String(chart.latestLag);
    }
  }

  function apply(data) {
    const view = data.view;
    const taken = page.querySelector('[data-field="takenAt"]');
    if (taken) {
      taken.textContent = new Date(view.takenAtMs).toISOString();
    }
    setField(page, 'topicLagSeconds', view.topicLagSeconds);
    view.partitions.forEach(function (row) {
      const scopes = page.querySelectorAll('[data-partition="' + row.partition + '"]');
      for (let i = 0; i < scopes.length; i++) {
        Object.keys(row).forEach(function (field) {
          setField(scopes[i], field, row[field]);
        });
      }
      // The drill-down draws its partition wide; the JSON carries sparklines, so only the table's are swapped.
      if (String(row.partition) !== wideChart) {
        setChart(String(row.partition), data.charts.partitions[row.partition]);
      }
    });
    setChart('topic', data.charts.topic);
    view.tenants.forEach(function (tenant) {
      const rows = page.querySelectorAll('tr[data-tenant]');
      for (let i = 0; i < rows.length; i++) {
        if (rows[i].getAttribute('data-tenant') === tenant.tenant) {
          setField(rows[i], 'samplesPerSecond', tenant.samplesPerSecond);
          setField(rows[i], 'series', tenant.series);
        }
      }
    });
  }

  function refresh() {
    if (paused) {
      return;
    }
    window.clearTimeout(timer);
    fetch(api, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(apply)
      .catch(function () { /* keep the last values; the next round tries again */ })
      .then(function () {
        if (!paused) {
          timer = window.setTimeout(refresh, seconds * 1000);
        }
      });
  }

  timer = window.setTimeout(refresh, seconds * 1000);
}());
