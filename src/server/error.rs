//! The one error type of the HTTP service, answered as `application/problem+json`
//! (RFC 9457). Titles are Vietnamese, like every message a clerk reads.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{Error, Problem};

/// Why a request was not answered with what it asked for.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the body is not JSON, or a parameter is malformed.
    BadRequest(String),
    /// 400: a preview asked for a page beyond the last.
    NoSuchPage { page: usize, pages: usize },
    /// 401: a token is required and was missing or wrong.
    Unauthorized,
    /// 404: no such form.
    UnknownForm(String),
    /// 404: no such route.
    NotFound,
    /// 405: the route exists, not with this method.
    MethodNotAllowed,
    /// 406: the `Accept` header names no format we produce.
    NotAcceptable,
    /// 413: the body exceeds the configured limit.
    TooLarge(usize),
    /// 415: the body is not declared as JSON.
    UnsupportedMediaType,
    /// 422: the case data breaks the regulations or the schema.
    Invalid(Vec<Problem>),
    /// 503: the render queue is full, or a render took too long.
    Overloaded {
        retry_after_secs: u32,
        timed_out: bool,
    },
    /// 500: a bug on our side (a template that does not compile, a panic).
    Internal,
}

/// The body of every error answer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProblemDetails {
    /// `about:blank`: the status and title say it all.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Short Vietnamese summary of the problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// More detail, when there is some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For invalid case data (422): every problem found, field path first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<Problem>>,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::NoSuchPage { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::UnknownForm(_) | Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Overloaded { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn details(&self) -> ProblemDetails {
        let (title, detail, errors): (&str, Option<String>, _) = match self {
            Self::BadRequest(why) => ("Yêu cầu không hợp lệ", Some(why.clone()), None),
            Self::NoSuchPage { page, pages } => (
                "Không có trang này",
                Some(format!("văn bản có {pages} trang, không có trang {page}")),
                None,
            ),
            Self::Unauthorized => (
                "Chưa xác thực",
                Some("cần tiêu đề Authorization: Bearer <mã truy cập> hợp lệ".into()),
                None,
            ),
            Self::UnknownForm(id) => (
                "Không có biểu mẫu",
                Some(format!("không có biểu mẫu '{id}'")),
                None,
            ),
            Self::NotFound => ("Không tìm thấy", None, None),
            Self::MethodNotAllowed => ("Phương thức không được hỗ trợ", None, None),
            Self::NotAcceptable => (
                "Không có định dạng phù hợp",
                Some("chỉ trả về application/pdf hoặc DOCX".into()),
                None,
            ),
            Self::TooLarge(limit) => (
                "Dữ liệu quá lớn",
                Some(format!("nội dung yêu cầu vượt quá {limit} byte")),
                None,
            ),
            Self::UnsupportedMediaType => (
                "Kiểu nội dung không được hỗ trợ",
                Some("nội dung phải là JSON (Content-Type: application/json)".into()),
                None,
            ),
            Self::Invalid(problems) => ("Dữ liệu hồ sơ không hợp lệ", None, Some(problems.clone())),
            Self::Overloaded { timed_out, .. } => (
                "Máy chủ đang quá tải",
                Some(if *timed_out {
                    "quá thời gian xử lý, vui lòng thử lại sau".into()
                } else {
                    "hàng đợi đã đầy, vui lòng thử lại sau".into()
                }),
                None,
            ),
            Self::Internal => ("Lỗi máy chủ", None, None),
        };
        ProblemDetails {
            kind: "about:blank",
            title: title.to_string(),
            status: self.status().as_u16(),
            detail,
            errors,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(problems) => Self::Invalid(problems),
            Error::UnknownForm(id) => Self::UnknownForm(id),
            Error::NoSuchPage { page, pages } => Self::NoSuchPage { page, pages },
            // Template, configuration and I/O errors are bugs on our side. The
            // message may quote the view model, so only the kind is logged.
            Error::Template(diags) => {
                let at: Vec<String> = diags
                    .iter()
                    .map(|d| {
                        format!(
                            "{}:{}",
                            d.file.as_deref().unwrap_or("?"),
                            d.line.unwrap_or(0)
                        )
                    })
                    .collect();
                tracing::error!(at = %at.join(","), "template error");
                Self::Internal
            }
            Error::Config(_) | Error::Io { .. } => {
                tracing::error!("configuration error while rendering");
                Self::Internal
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::to_vec(&self.details()).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self {
            Self::Overloaded {
                retry_after_secs, ..
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            Self::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}
