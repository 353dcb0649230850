// floor.html's worker: answers its one message with what it was sent.
self.onmessage = (event) => self.postMessage(event.data);
