// The branch page's zip drop: creates a manual deployment (the page's form, with its CSRF token), PUTs the zip to the
// signed upload URL with a progress bar, starts the job and opens its page. A folder (dropped, or chosen with the
// folder input) is zipped here first, uncompressed ("stored" entries, no zip64: under 4 GiB), with the folder's
// contents at the root as a site zip needs; nothing is vendored.
(function () {
  var form = document.getElementById('zip-deploy-form');
  if (!form) {
    return;
  }
  var drop = document.getElementById('zip-drop');
  var progress = document.getElementById('zip-progress');
  var status = document.getElementById('zip-status');
  var csrf = form.querySelector('input[name="_csrf"]');

  function say(text) {
    status.textContent = text;
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields || {});
    if (csrf) {
      body.append('_csrf', csrf.value);
    }
    return fetch(url, {method: 'POST', body: body, credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (text) {
            throw new Error(response.status + ': ' + text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 300));
          });
        }
        return response.json();
      });
  }

  function upload(url, blob) {
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      request.open('PUT', url);
      request.setRequestHeader('Content-Type', 'application/zip');
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          progress.value = Math.round(event.loaded * 100 / event.total);
        }
      };
      request.onload = function () {
        request.status < 300 ? resolve() : reject(new Error(request.status + ': ' + request.responseText.slice(0, 300)));
      };
      request.onerror = function () {
        reject(new Error('the upload failed'));
      };
      request.send(blob);
    });
  }

  function deploy(blob) {
    progress.hidden = false;
    progress.value = 0;
    say('Uploading ' + Math.ceil(blob.size / 1024) + ' KiB…');
    post(form.action).then(function (created) {
      return upload(created.zipUploadUrl, blob).then(function () {
        say('Starting the deployment…');
        return post(form.dataset.start, {jobId: created.jobId});
      });
    }).then(function (started) {
      window.location.href = started.jobUrl;
    }).catch(function (error) {
      say('Not deployed: ' + error.message);
    });
  }

  // --- a folder as a zip of stored entries -----------------------------------------------------------------------
  var table = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) {
        c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) {
      c = table[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    }
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  function header(size) {
    var buffer = new ArrayBuffer(size);
    return {view: new DataView(buffer), bytes: new Uint8Array(buffer)};
  }

  // files: [{path, file}] with paths relative to the site root
  function zipFiles(files) {
    var parts = [];
    var central = [];
    var offset = 0;
    var encoder = new TextEncoder();
    return files.reduce(function (chain, entry) {
      return chain.then(function () {
        return entry.file.arrayBuffer();
      }).then(function (buffer) {
        var data = new Uint8Array(buffer);
        var name = encoder.encode(entry.path);
        var crc = crc32(data);
        var local = header(30 + name.length);
        local.view.setUint32(0, 0x04034b50, true);
        local.view.setUint16(4, 20, true);
        local.view.setUint16(6, 0x0800, true); // UTF-8 names
        local.view.setUint32(14, crc, true);
        local.view.setUint32(18, data.length, true);
        local.view.setUint32(22, data.length, true);
        local.view.setUint16(26, name.length, true);
        local.bytes.set(name, 30);
        var record = header(46 + name.length);
        record.view.setUint32(0, 0x02014b50, true);
        record.view.setUint16(4, 20, true);
        record.view.setUint16(6, 20, true);
        record.view.setUint16(8, 0x0800, true);
        record.view.setUint32(16, crc, true);
        record.view.setUint32(20, data.length, true);
        record.view.setUint32(24, data.length, true);
        record.view.setUint16(28, name.length, true);
        record.view.setUint32(42, offset, true);
        record.bytes.set(name, 46);
        parts.push(local.bytes, entry.file);
        central.push(record.bytes);
        offset += local.bytes.length + data.length;
        say('Zipping ' + files.length + ' files… ' + entry.path);
      });
    }, Promise.resolve()).then(function () {
      var size = central.reduce(function (sum, part) { return sum + part.length; }, 0);
      var end = header(22);
      end.view.setUint32(0, 0x06054b50, true);
      end.view.setUint16(8, files.length, true);
      end.view.setUint16(10, files.length, true);
      end.view.setUint32(12, size, true);
      end.view.setUint32(16, offset, true);
      return new Blob(parts.concat(central, [end.bytes]), {type: 'application/zip'});
    });
  }

  // the chosen folder's own name is the first segment of every path: its contents go to the root
  function withoutFolder(path) {
    return path.indexOf('/') >= 0 ? path.substring(path.indexOf('/') + 1) : path;
  }

  function readEntries(entry, prefix, into) {
    if (entry.isFile) {
      return new Promise(function (resolve, reject) {
        entry.file(function (file) {
          into.push({path: prefix + file.name, file: file});
          resolve();
        }, reject);
      });
    }
    var reader = entry.createReader();
    return new Promise(function (resolve, reject) {
      var all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(all.map(function (child) {
              return readEntries(child, prefix + entry.name + '/', into);
            })).then(resolve, reject);
            return;
          }
          all = all.concat(Array.prototype.slice.call(batch));
          more();
        }, reject);
      })();
    });
  }

  function deployFolder(files) {
    files = files.filter(function (f) { return f.path.length > 0; });
    if (!files.length) {
      say('The folder is empty.');
      return;
    }
    zipFiles(files).then(deploy, function (error) { say('Not deployed: ' + error.message); });
  }

  document.getElementById('zip-file').addEventListener('change', function (event) {
    if (event.target.files.length) {
      deploy(event.target.files[0]);
    }
  });
  document.getElementById('zip-folder').addEventListener('change', function (event) {
    deployFolder(Array.prototype.map.call(event.target.files, function (file) {
      return {path: withoutFolder(file.webkitRelativePath || file.name), file: file};
    }));
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (event) {
      event.preventDefault();
      drop.classList.add('dragging');
    });
  });
  drop.addEventListener('dragleave', function () {
    drop.classList.remove('dragging');
  });
  drop.addEventListener('drop', function (event) {
    event.preventDefault();
    drop.classList.remove('dragging');
    var item = event.dataTransfer.items && event.dataTransfer.items[0];
    var entry = item && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    if (entry && entry.isDirectory) {
      var files = [];
      readEntries(entry, '', files).then(function () {
        deployFolder(files.map(function (f) { return {path: withoutFolder(f.path), file: f.file}; }));
      });
    } else if (event.dataTransfer.files.length) {
      deploy(event.dataTransfer.files[0]);
    }
  });
})();
