//! Frames on the socket: length-delimited JSON, bounded both ways.

use crate::remote::proto::{MAX_FRAME, MAX_REPLY};
use bytes::{BufMut, Bytes, BytesMut};
use tokio_util::codec::{Decoder, Encoder, LengthDelimitedCodec};

/// Reads frames of at most [`MAX_FRAME`] (LengthDelimitedCodec), writes frames of at most [`MAX_REPLY`].
pub(super) struct Codec(LengthDelimitedCodec);

pub(super) fn codec() -> Codec {
    Codec(LengthDelimitedCodec::builder().max_frame_length(MAX_FRAME).new_codec())
}

impl Decoder for Codec {
    type Item = BytesMut;
    type Error = std::io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<BytesMut>, std::io::Error> {
        self.0.decode(src)
    }
}

impl Encoder<Bytes> for Codec {
    type Error = std::io::Error;

    fn encode(&mut self, item: Bytes, dst: &mut BytesMut) -> Result<(), std::io::Error> {
        if item.len() > MAX_REPLY {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("frame of {} bytes exceeds {MAX_REPLY}", item.len()),
            ));
        }
        dst.reserve(4 + item.len());
        dst.put_u32(item.len() as u32);
        dst.extend_from_slice(&item);
        Ok(())
    }
}

pub(super) fn encode<T: serde::Serialize>(v: &T) -> Bytes {
    Bytes::from(serde_json::to_vec(v).expect("protocol messages serialise to JSON"))
}

/// The reply to request `id`; an answer over [`MAX_REPLY`] becomes an error
/// asking for a narrower request (the client could not read it).
pub(super) fn reply(id: u64, result: crate::service::Result<crate::service::api::Response>) -> Bytes {
    use crate::remote::proto::ServerMsg;
    let bytes = encode(&ServerMsg::Reply { id, result });
    if bytes.len() <= MAX_REPLY {
        return bytes;
    }
    let e = crate::service::ServiceError::new(
        crate::service::ErrorKind::Protocol,
        format!("câu trả lời quá lớn ({} byte); thu hẹp phạm vi", bytes.len()),
        format!("the answer is too large ({} bytes); narrow the request", bytes.len()),
    );
    encode(&ServerMsg::Reply { id, result: Err(e) })
}
